import { describe, expect, it } from "vitest";
import type { AlertUsage, Cause, OwnerKeyword } from "../../bindings";
import { IpcError } from "../../api/ipc";
import { i18n } from "../../i18n";
import { alertRows, keywordRows, matches, percent, triageError } from "./logic";

const kw = (id: number, cause: Cause, term: string, product = ""): OwnerKeyword => ({ id, cause, term, product });
const alert = (id: number, term: string, over: Partial<AlertUsage> = {}): AlertUsage => ({
  id,
  term,
  product: "",
  enabled: true,
  hits: 0,
  last_hit: null,
  last_case_id: null,
  ...over,
});
const label = (c: Cause) => ({ quality: "质量问题", logistics: "物流/快递", packaging: "包装" })[c as string] ?? c;

describe("keyword list", () => {
  const all = [kw(1, "quality", "漏水", "水壶"), kw(2, "logistics", "中通"), kw(3, "packaging", "泡沫箱"), kw(4, "quality", "异响")];

  it("filters by text (word, product or cause name) and by cause", () => {
    const none = { key: null, order: false } as const;
    expect(keywordRows(all, { text: "", causes: [] }, none, label).map((k) => k.id)).toEqual([1, 2, 3, 4]);
    expect(keywordRows(all, { text: " 水壶 ", causes: [] }, none, label).map((k) => k.id)).toEqual([1]);
    expect(keywordRows(all, { text: "物流", causes: [] }, none, label).map((k) => k.id)).toEqual([2]);
    expect(keywordRows(all, { text: "", causes: ["quality"] }, none, label).map((k) => k.id)).toEqual([1, 4]);
    expect(keywordRows(all, { text: "异", causes: ["quality"] }, none, label).map((k) => k.id)).toEqual([4]);
  });

  it("sorts by cause name, word or product, both ways, without touching the input", () => {
    const byProduct = keywordRows(all, { text: "", causes: [] }, { key: "product", order: "descend" }, label);
    expect(byProduct[0].id).toBe(1);
    const byCause = keywordRows(all, { text: "", causes: [] }, { key: "cause", order: "ascend" }, label).map((k) => k.cause);
    expect(byCause).toEqual([...byCause].sort((a, b) => label(a).localeCompare(label(b), "zh-CN")));
    expect(all.map((k) => k.id)).toEqual([1, 2, 3, 4]);
  });
});

describe("alert list", () => {
  const all = [
    alert(1, "漏电", { hits: 3, last_hit: "2026-11-20 04:00:00+00:00", last_case_id: 9 }),
    alert(2, "起火", { enabled: false }),
    alert(3, "12315", { hits: 1, last_hit: "2026-11-21 04:00:00+00:00", last_case_id: 12, product: "水壶" }),
  ];

  it("filters by text and by switched on", () => {
    expect(alertRows(all, { text: "", enabledOnly: true }, { key: null, order: false }).map((a) => a.id)).toEqual([1, 3]);
    expect(alertRows(all, { text: "水壶", enabledOnly: false }, { key: null, order: false }).map((a) => a.id)).toEqual([3]);
  });

  it("sorts by hits and by latest hit (never hit last when descending)", () => {
    expect(alertRows(all, { text: "", enabledOnly: false }, { key: "hits", order: "descend" }).map((a) => a.id)).toEqual([1, 3, 2]);
    expect(alertRows(all, { text: "", enabledOnly: false }, { key: "last_hit", order: "descend" }).map((a) => a.id)).toEqual([3, 1, 2]);
    expect(alertRows(all, { text: "", enabledOnly: false }, { key: "term", order: "ascend" })[0].term).toBe("12315");
  });
});

describe("helpers", () => {
  it("matches ignores case and surrounding spaces", () => {
    expect(matches(["Lawyer"], " law ")).toBe(true);
    expect(matches(["x"], "")).toBe(true);
    expect(matches(["x"], "y")).toBe(false);
  });

  it("percent of a run", () => {
    expect(percent(null)).toBe(0);
    expect(percent({ done: 0, total: 0 })).toBe(100);
    expect(percent({ done: 333_333, total: 1_000_000 })).toBe(33);
    expect(percent({ done: 1_000_000, total: 1_000_000 })).toBe(100);
  });

  it("names the field of a bad value in the screen's words, in both languages", () => {
    const { t, te } = i18n.global;
    const required = (field: string) => new IpcError({ code: "validation.required", message: "x", field });
    i18n.global.locale.value = "zh-CN";
    expect(triageError(t, te, required("term"))).toBe("请填写关键词");
    expect(triageError(t, te, required("cause"))).toBe("请选择归因");
    expect(triageError(t, te, new IpcError({ code: "validation.too_long", message: "x", field: "product" }))).toBe("商品名最多 64 个字");
    expect(triageError(t, te, new IpcError({ code: "validation.duplicate_alert", message: "x", field: "term" }))).toBe("已经有这个提醒词了");
    expect(triageError(t, te, new IpcError({ code: "triage.busy", message: "x", field: "retriage" }))).toMatch(/已经在重新分类/);
    // Anything else falls back to the app's wording.
    expect(triageError(t, te, new IpcError({ code: "not_found", message: "x" }))).toBe("找不到这条记录，可能已被删除");
    i18n.global.locale.value = "en";
    expect(triageError(t, te, required("term"))).toBe("Please type the keyword");
    expect(triageError(t, te, new IpcError({ code: "validation.negative", message: "x", field: "high_value_cents" }))).toBe(
      "The amount cannot be negative",
    );
    expect(triageError(t, te, new IpcError({ code: "triage.db_busy", message: "x" }))).toMatch(/database is busy/);
    i18n.global.locale.value = "zh-CN";
  });
});
