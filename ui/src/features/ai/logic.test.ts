import { describe, expect, it } from "vitest";
import { IpcError } from "../../api/ipc";
import { i18n } from "../../i18n";
import { aiErrorText, errorDetail, errorField, isLocalUrl, isRunShortcut, keyUpdate, nextRequest, sameSettings } from "./logic";

describe("ai logic", () => {
  it("sends a typed key, a removal, or nothing", () => {
    expect(keyUpdate("  sk-abc \n", false)).toEqual({ action: "set", key: "sk-abc" });
    expect(keyUpdate("sk-abc", true)).toEqual({ action: "set", key: "sk-abc" });
    expect(keyUpdate("   ", true)).toEqual({ action: "clear" });
    expect(keyUpdate("", false)).toEqual({ action: "keep" });
  });

  it("tells local servers from cloud ones", () => {
    expect(isLocalUrl("http://localhost:11434/v1")).toBe(true);
    expect(isLocalUrl(" http://127.0.0.1:8080/v1 ")).toBe(true);
    expect(isLocalUrl("http://[::1]:8080/v1")).toBe(true);
    expect(isLocalUrl("https://api.openai.com/v1")).toBe(false);
    expect(isLocalUrl("http://192.168.1.5:11434/v1")).toBe(false);
    expect(isLocalUrl("localhost:11434")).toBe(false);
  });

  it("compares settings as the core stores them", () => {
    const a = { enabled: true, base_url: "http://x/v1", model: "m", timeout_secs: 60 };
    expect(sameSettings(a, { ...a, model: " m " })).toBe(true);
    expect(sameSettings(a, { ...a, enabled: false })).toBe(false);
    expect(sameSettings(a, { ...a, timeout_secs: 30 })).toBe(false);
  });

  it("words every AI error code in both languages, and names our fields", () => {
    const { t, te } = i18n.global;
    const codes = [
      "ai.not_configured",
      "ai.timeout",
      "ai.offline",
      "ai.bad_key",
      "ai.rate_limited",
      "ai.server_error",
      "ai.rejected",
      "ai.bad_response",
      "ai.keychain_unavailable",
      "ai.cancelled",
      "validation.url_format",
      "validation.key_format",
    ];
    for (const locale of ["zh-CN", "en"] as const) {
      i18n.global.locale.value = locale;
      for (const code of codes) {
        const text = aiErrorText(t, te, new IpcError({ code, message: "server said no" }));
        expect(text, `${locale} ${code}`).not.toMatch(/server said no|Something went wrong|出了点问题/);
      }
    }
    i18n.global.locale.value = "zh-CN";
    const required = new IpcError({ code: "validation.required", message: "base_url: is required", field: "base_url" });
    expect(aiErrorText(t, te, required)).toBe("请填写「接口地址」");
    expect(aiErrorText(t, te, new IpcError({ code: "ai.timeout", message: "x" }))).toContain("模型太久没有回应");
    i18n.global.locale.value = "en";
    expect(aiErrorText(t, te, required)).toBe("Please fill in “Endpoint URL”");
    expect(aiErrorText(t, te, new IpcError({ code: "ai.bad_key", message: "x" }))).toContain("API key is wrong");
  });

  it("knows which field an error belongs to and keeps the server's words for AI errors", () => {
    expect(errorField(new IpcError({ code: "validation.required", message: "", field: "model" }))).toBe("model");
    expect(errorField(new IpcError({ code: "validation.required", message: "", field: "product" }))).toBeNull();
    expect(errorField(new Error("x"))).toBeNull();
    expect(errorDetail(new IpcError({ code: "ai.rejected", message: "model \"x\" not found" }))).toBe('model "x" not found');
    expect(errorDetail(new IpcError({ code: "db.error", message: "locked" }))).toBe("");
  });

  it("numbers requests uniquely and knows the run shortcut", () => {
    const a = nextRequest();
    const b = nextRequest();
    expect(b).not.toBe(a);
    const key = { shiftKey: false, altKey: false, metaKey: false };
    expect(isRunShortcut({ ...key, key: "Enter", ctrlKey: true })).toBe(true);
    expect(isRunShortcut({ ...key, key: "Enter", ctrlKey: false })).toBe(false);
    expect(isRunShortcut({ ...key, key: "Enter", ctrlKey: true, shiftKey: true })).toBe(false);
  });
});
