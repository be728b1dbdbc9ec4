import { describe, expect, it } from "vitest";
import zh from "./zh-CN";
import en from "./en";
import { errorKeys, errorText, i18n } from "./index";
import { IpcError } from "../api/ipc";
import { areaMessages } from "../features/registry";
import { ALL_CAUSES, ALL_PLATFORMS, ALL_STATUSES } from "../utils/tags";

function keys(obj: object, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === "object" && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe("translations", () => {
  it("English has exactly the keys of Chinese, none empty", () => {
    expect(keys(en).sort()).toEqual(keys(zh).sort());
    for (const k of keys(en)) {
      const v = k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], en);
      expect(String(v).trim(), k).not.toBe("");
    }
  });

  it("every feature area has the same keys in both languages", () => {
    for (const [area, m] of Object.entries(areaMessages)) {
      expect(keys(m.en).sort(), area).toEqual(keys(m["zh-CN"]).sort());
      expect(Object.keys(zh), `${area} must not shadow a core key`).not.toContain(area);
    }
  });

  it("every status, cause and platform has a label in both languages", () => {
    for (const messages of [zh, en]) {
      for (const s of ALL_STATUSES) expect(messages.status[s]).toBeTruthy();
      for (const c of ALL_CAUSES) expect(messages.cause[c]).toBeTruthy();
      for (const p of ALL_PLATFORMS) expect(messages.platform[p]).toBeTruthy();
    }
  });
});

describe("errorText", () => {
  const { t, te } = i18n.global;

  it("localizes a validation error with its field", () => {
    i18n.global.locale.value = "zh-CN";
    const e = new IpcError({ code: "validation.required", message: "product: is required", field: "product" });
    expect(errorText(t, te, e)).toBe("请填写「商品」");
    i18n.global.locale.value = "en";
    expect(errorText(t, te, e)).toBe("Please fill in “Product”");
  });

  it("falls back to the message for unknown codes", () => {
    i18n.global.locale.value = "en";
    const e = new IpcError({ code: "brand.new", message: "disk full" });
    expect(errorText(t, te, e)).toBe("Something went wrong: disk full");
    expect(errorText(t, te, "boom")).toBe("Something went wrong: boom");
  });
});

describe("errorText looks area codes up in the areas' messages", () => {
  const { t, te } = i18n.global;

  it("maps a code to its area by the first segment, dots to underscores", () => {
    const keys = errorKeys("drafts.clipboard_unavailable");
    expect(keys[0]).toBe("errors.drafts.clipboard_unavailable");
    expect(keys[1]).toBe("drafts.errors.drafts_clipboard_unavailable");
    i18n.global.locale.value = "zh-CN";
    expect(errorText(t, te, new IpcError({ code: "drafts.blocked", message: "x" }))).toBe(
      "草稿里还有必须修改的地方，改好后再复制",
    );
    i18n.global.locale.value = "en";
    expect(errorText(t, te, new IpcError({ code: "drafts.blocked", message: "x" }))).toMatch(/must be fixed before copying/);
  });

  it("finds a shared-prefix code in the area that words it, shared texts first", () => {
    i18n.global.locale.value = "en";
    const last = new IpcError({ code: "validation.template_last_enabled", message: "x", field: "key" });
    expect(errorText(t, te, last)).toMatch(/last enabled template/);
    // A code the shared messages word keeps its shared text.
    const req = new IpcError({ code: "validation.required", message: "x", field: "product" });
    expect(errorText(t, te, req)).toBe("Please fill in “Product”");
    // Still nothing: the generic text with the English message.
    expect(errorText(t, te, new IpcError({ code: "drafts.nope", message: "odd" }))).toBe("Something went wrong: odd");
  });
});
