import { afterEach, describe, expect, it, vi } from "vitest";
import {
  caseLang,
  charCount,
  compareKeys,
  filterTemplates,
  findingMarks,
  findingRule,
  insertAt,
  isCopyShortcut,
  isSaveShortcut,
  latestOnly,
  phoneBeats,
  segments,
} from "./logic";
import type { Finding } from "../../bindings";

describe("charCount", () => {
  it("counts characters as the platforms do, not UTF-16 units", () => {
    expect(charCount("亲，您好")).toBe(4);
    expect(charCount("ok 👍")).toBe(4);
    expect("ok 👍".length).toBe(5);
    expect(charCount("")).toBe(0);
  });
});

describe("caseLang", () => {
  it("follows the review's language, Chinese by default", () => {
    expect(caseLang("en")).toBe("en");
    expect(caseLang("en-US")).toBe("en");
    expect(caseLang("zh")).toBe("zh");
    expect(caseLang("")).toBe("zh");
    expect(caseLang(null)).toBe("zh");
  });
});

describe("segments", () => {
  it("cuts the text into plain and marked runs that join back to the text", () => {
    const text = "亲，好评返现5元哦";
    const segs = segments(text, [{ start: 2, end: 8, severity: "blocking" }]);
    expect(segs.map((s) => s.text).join("")).toBe(text);
    expect(segs).toEqual([
      { text: "亲，", severity: null },
      { text: "好评返现5元", severity: "blocking" },
      { text: "哦", severity: null },
    ]);
  });

  it("shows the most severe mark where marks overlap", () => {
    const segs = segments("abcdef", [
      { start: 0, end: 4, severity: "warning" },
      { start: 2, end: 6, severity: "blocking" },
      { start: 1, end: 3, severity: "info" },
    ]);
    expect(segs).toEqual([
      { text: "ab", severity: "warning" },
      { text: "cdef", severity: "blocking" },
    ]);
  });

  it("clips stale marks instead of breaking", () => {
    expect(segments("abc", [{ start: 2, end: 99, severity: "info" }])).toEqual([
      { text: "ab", severity: null },
      { text: "c", severity: "info" },
    ]);
    expect(segments("abc", [{ start: 50, end: 60, severity: "info" }])).toEqual([{ text: "abc", severity: null }]);
    expect(segments("", [{ start: 0, end: 1, severity: "info" }])).toEqual([]);
  });

  it("uses the findings' UTF-16 spans directly", () => {
    const text = "👍 好评返现";
    const f: Finding = {
      severity: "blocking",
      code: "compliance.review_incentive",
      message_zh: "",
      message_en: "",
      span: { start: 3, end: 7 },
      excerpt: "好评返现",
      parts: [],
      rule_zh: "",
      rule_en: "",
    };
    const missing: Finding = { ...f, span: null, severity: "warning" };
    const segs = segments(text, findingMarks([f, missing]));
    expect(segs[1]).toEqual({ text: "好评返现", severity: "blocking" });
  });

  it("marks each part of a finding with its role", () => {
    const text = "亲，好评后返现5元";
    const f: Finding = {
      severity: "blocking",
      code: "compliance.review_incentive",
      message_zh: "",
      message_en: "",
      span: { start: 0, end: 9 },
      excerpt: text,
      parts: [
        { role: "review_action", span: { start: 2, end: 4 }, excerpt: "好评" },
        { role: "condition", span: { start: 4, end: 5 }, excerpt: "后" },
        { role: "benefit", span: { start: 5, end: 9 }, excerpt: "返现5元" },
      ],
      rule_zh: "",
      rule_en: "",
    };
    // A warning over the same words does not take the part's colour away.
    const tone: Finding = { ...f, severity: "warning", span: { start: 2, end: 9 }, parts: [] };
    expect(segments(text, findingMarks([f, tone]))).toEqual([
      { text: "亲，", severity: "blocking" },
      { text: "好评", severity: "blocking", role: "review_action" },
      { text: "后", severity: "blocking", role: "condition" },
      { text: "返现5元", severity: "blocking", role: "benefit" },
    ]);
    expect(findingRule({ rule_zh: "依据", rule_en: "rule" }, "en")).toBe("rule");
  });
});

describe("phoneBeats", () => {
  it("splits the Chinese script into its three beats, lines typed as said or cue", () => {
    const script = [
      "【第一步 确认身份】",
      "“您好，请问您是这个订单的买家本人吗？”",
      "（先别急着说事，等对方答应了再往下讲。）",
      "",
      "【第二步 说明来意并道歉】",
      "“我是店主，真的很抱歉。”",
      "",
      "【第三步 给出方案并约好时间】",
      "“明天晚上6点到8点之间我再给您打电话确认，可以吗？”",
    ].join("\n");
    const beats = phoneBeats(script);
    expect(beats.map((b) => b.title)).toEqual(["第一步 确认身份", "第二步 说明来意并道歉", "第三步 给出方案并约好时间"]);
    expect(beats[0].lines.map((l) => l.kind)).toEqual(["say", "note"]);
  });

  it("reads the English headings and keeps an owner's script without headings", () => {
    const beats = phoneBeats('[Step 1: confirm who you\'re speaking to]\n"Hello?"\n(Pause.)\n[Step 2: apologise]\n"Sorry."');
    expect(beats.map((b) => b.title)).toEqual(["Step 1: confirm who you're speaking to", "Step 2: apologise"]);
    expect(beats[0].lines).toEqual([
      { kind: "say", text: '"Hello?"' },
      { kind: "note", text: "(Pause.)" },
    ]);
    expect(phoneBeats("just talk to them")).toEqual([{ title: "", lines: [{ kind: "text", text: "just talk to them" }] }]);
  });
});

describe("shortcuts", () => {
  const key = (k: string, mods: Partial<KeyboardEvent> = {}) => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

  it("Ctrl/Cmd+Shift+C copies; plain Ctrl+C stays the system copy", () => {
    expect(isCopyShortcut(key("C", { ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(isCopyShortcut(key("c", { metaKey: true, shiftKey: true }))).toBe(true);
    expect(isCopyShortcut(key("c", { ctrlKey: true }))).toBe(false);
    expect(isCopyShortcut(key("c", { ctrlKey: true, shiftKey: true, altKey: true }))).toBe(false);
  });

  it("Ctrl/Cmd+S saves", () => {
    expect(isSaveShortcut(key("s", { ctrlKey: true }))).toBe(true);
    expect(isSaveShortcut(key("s", { metaKey: true }))).toBe(true);
    expect(isSaveShortcut(key("s"))).toBe(false);
    expect(isSaveShortcut(key("s", { ctrlKey: true, shiftKey: true }))).toBe(false);
  });
});

describe("latestOnly", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("waits for a pause in typing and answers only for the latest text", async () => {
    vi.useFakeTimers();
    const resolvers: ((v: string) => void)[] = [];
    const work = vi.fn((s: string) => new Promise<string>((r) => resolvers.push(() => r(s.toUpperCase()))));
    const got: string[] = [];
    const l = latestOnly(work, 200);
    l.run("a", (r) => got.push(r), () => {});
    l.run("ab", (r) => got.push(r), () => {});
    await vi.advanceTimersByTimeAsync(199);
    expect(work).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(work).toHaveBeenCalledTimes(1);
    expect(work).toHaveBeenCalledWith("ab");
    // A newer text arrives while the first answer is still on its way: the old answer is dropped.
    l.run("abc", (r) => got.push(r), () => {});
    await vi.advanceTimersByTimeAsync(200);
    resolvers[0]("");
    resolvers[1]("");
    await vi.runAllTimersAsync();
    expect(got).toEqual(["ABC"]);
  });

  it("cancel drops what is pending", async () => {
    vi.useFakeTimers();
    const work = vi.fn(async (s: string) => s);
    const got: string[] = [];
    const l = latestOnly(work, 100);
    l.run("x", (r) => got.push(r), () => {});
    l.cancel();
    await vi.runAllTimersAsync();
    expect(work).not.toHaveBeenCalled();
    expect(got).toEqual([]);
  });
});

describe("insertAt", () => {
  it("replaces the selection and puts the caret after the insert", () => {
    expect(insertAt("您好，的事", 3, 3, "{product}")).toEqual({ text: "您好，{product}的事", caret: 12 });
    expect(insertAt("abcdef", 1, 4, "X")).toEqual({ text: "aXef", caret: 2 });
    expect(insertAt("ab", 9, 9, "!")).toEqual({ text: "ab!", caret: 3 });
  });
});

describe("template table", () => {
  const list = [
    { key: "quality.public.zh.2", body: "看到您说{problem}", source: "builtin", enabled: true },
    { key: "quality.public.zh.10", body: "抱歉", source: "edited", enabled: false },
    { key: "owner.3", body: "Sorry about {product}", source: "owner", enabled: true },
  ];

  it("filters by text, source and enabled", () => {
    expect(filterTemplates(list, { search: "PRODUCT", sources: [], onlyEnabled: false }).map((e) => e.key)).toEqual(["owner.3"]);
    expect(filterTemplates(list, { search: "", sources: ["edited", "owner"], onlyEnabled: false })).toHaveLength(2);
    expect(filterTemplates(list, { search: "", sources: [], onlyEnabled: true }).map((e) => e.key)).toEqual([
      "quality.public.zh.2",
      "owner.3",
    ]);
    expect(filterTemplates(list, { search: "zh.1", sources: [], onlyEnabled: false }).map((e) => e.key)).toEqual(["quality.public.zh.10"]);
  });

  it("sorts keys as people count", () => {
    expect(list.map((e) => e.key).sort(compareKeys)).toEqual(["owner.3", "quality.public.zh.2", "quality.public.zh.10"]);
  });
});
