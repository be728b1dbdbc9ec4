import { describe, expect, it } from "vitest";
import type { FiredBatch, ReminderKind } from "../../bindings";
import { item, view } from "./testdata";
import { IpcError } from "../../api/ipc";
import { i18n } from "../../i18n";
import messages from "./messages";
import {
  ALL_CHANNELS,
  ALL_KINDS,
  ALL_OUTCOMES,
  ALL_SNOOZES,
  HIGHLIGHT_MS,
  buildSections,
  defaultCallBack,
  emptyForm,
  flatten,
  followupError,
  formProblems,
  highlightsFrom,
  minutesOf,
  nextWindowRule,
  relativeTime,
  rowsLook,
  sameToday,
  sectionQuery,
  sortItems,
  stepSelection,
  toNewContact,
  todayShortcut,
  windowIsOpen,
  windowProblems,
} from "./logic";

describe("sorting and filtering", () => {
  const a = item(1, { due: "2026-11-23T06:00:00Z", product: "保温杯", kind: "revisit" });
  const b = item(2, { due: "2026-11-23T02:00:00Z", product: "电热水壶", kind: "first_response" });
  const c = item(3, { due: "2026-11-23T04:00:00Z", product: "保温杯", snoozed_until: "2026-11-23T01:00:00Z" });

  it("keeps the core's order when unsorted", () => {
    expect(sortItems([a, b, c], { key: null, order: false }).map((i) => i.id)).toEqual([1, 2, 3]);
  });

  it("sorts by the time each will fire (snooze first), both ways", () => {
    expect(sortItems([a, b, c], { key: "due", order: "ascend" }).map((i) => i.id)).toEqual([3, 2, 1]);
    expect(sortItems([a, b, c], { key: "due", order: "descend" }).map((i) => i.id)).toEqual([1, 2, 3]);
  });

  it("sorts by kind in the order of the kinds and keeps ties stable", () => {
    expect(sortItems([a, b, c], { key: "kind", order: "ascend" }).map((i) => i.kind)).toEqual([
      "first_response",
      "callback",
      "revisit",
    ]);
    // Two 保温杯 rows: the lower case id first, never shuffled.
    expect(sortItems([c, a, b], { key: "case", order: "ascend" }).map((i) => i.id)).toEqual([1, 3, 2]);
  });

  it("asks the core for a section page with the screen's filters", () => {
    expect(sectionQuery("overdue", "  保温 ", ["revisit"], 50, 50)).toEqual({
      section: "overdue",
      kinds: ["revisit"],
      query: "保温",
      offset: 50,
      limit: 50,
    });
  });

  it("builds the four sections with the core's totals and walks them in screen order", () => {
    const v = view({
      due_now: [item(1, { kind: "promise_due" })],
      in_window: [item(2), item(3)],
      overdue: [item(4)],
      coming_up: [item(5)],
      counts: { due_now: 1, in_window: 250, overdue: 1, coming_up: 1, snoozed: 0, backlog: 0, tooltip_zh: "", tooltip_en: "" },
    });
    const s = buildSections(v, {}, { key: null, order: false });
    expect(s.map((x) => x.key)).toEqual(["due_now", "in_window", "overdue", "coming_up"]);
    expect(s[1]).toMatchObject({ total: 250, listed: 2 });
    const rows = flatten(s);
    expect(rows.map((i) => i.id)).toEqual([1, 2, 3, 4, 5]);
    expect(stepSelection(rows, null, 1)).toBe(1);
    expect(stepSelection(rows, null, -1)).toBe(5);
    expect(stepSelection(rows, 2, 1)).toBe(3);
    expect(stepSelection(rows, 5, 1)).toBe(5);
    expect(stepSelection(rows, 1, -1)).toBe(1);
    expect(stepSelection([], 1, 1)).toBeNull();
    // A section the core sent a page for (expanded, or filtered) shows that page and its total.
    const paged = buildSections(v, { overdue: { items: [item(4), item(6), item(7)], total: 40 } }, { key: null, order: false });
    expect(paged[2]).toMatchObject({ total: 40, listed: 3 });
    expect(flatten(paged).map((i) => i.id)).toEqual([1, 2, 3, 4, 6, 7, 5]);
  });
});

describe("times", () => {
  const now = new Date("2026-11-23T04:00:00Z");

  it("says how far off a time is in the largest whole unit", () => {
    expect(relativeTime("2026-11-23T04:00:20Z", now)).toEqual({ key: "now", n: 0 });
    expect(relativeTime("2026-11-23T04:20:00Z", now)).toEqual({ key: "inMinutes", n: 20 });
    expect(relativeTime("2026-11-23 01:00:00+00:00", now)).toEqual({ key: "hoursAgo", n: 3 });
    expect(relativeTime("2026-11-26T04:00:00Z", now)).toEqual({ key: "inDays", n: 3 });
  });

  it("tells when the clock changes what the rows show, and only then", () => {
    const rows = [item(1, { due: "2026-11-23T06:00:00Z", late_at: "2026-11-23T08:00:00Z" })];
    const at = (iso: string) => rowsLook(rows, new Date(iso), new Map());
    // "in 1 h" for most of an hour: a minute's refresh leaves the rows alone.
    expect(at("2026-11-23T04:10:00Z")).toBe(at("2026-11-23T04:11:00Z"));
    expect(at("2026-11-23T04:00:00Z")).not.toBe(at("2026-11-23T04:59:00Z"));
    // Late from late_at on, even when the relative time reads the same.
    expect(at("2026-11-23T07:59:00Z")).not.toBe(at("2026-11-23T08:00:30Z"));
    // A fired highlight ending is a change.
    const lit = new Map([[1, Date.parse("2026-11-23T04:00:30Z")]]);
    expect(rowsLook(rows, new Date("2026-11-23T04:00:00Z"), lit)).not.toBe(rowsLook(rows, new Date("2026-11-23T04:01:00Z"), lit));
  });

  it("compares two reads of Today without their own time", () => {
    const a = view();
    expect(sameToday(a, { ...view(), now: "2026-11-23T05:00:00Z" })).toBe(true);
    expect(sameToday(a, view({ due_now: [item(9)] }))).toBe(false);
  });

  it("knows whether a window is open", () => {
    const w = {
      start: "2026-11-23T04:00:00Z",
      end: "2026-11-23T05:00:00Z",
      tz: "Asia/Shanghai",
      local_date: "2026-11-23",
      local_start: "12:00",
      local_end: "13:00",
    };
    expect(windowIsOpen(w, now)).toBe(true);
    expect(windowIsOpen(w, new Date("2026-11-23T05:00:00Z"))).toBe(false);
    expect(windowIsOpen(null, now)).toBe(false);
    // "Call later" suggests the next window, or an hour from now on the 5-minute grid.
    expect(defaultCallBack({ ...w, start: "2026-11-23T10:00:00Z" }, now)).toBe(Date.parse("2026-11-23T10:00:00Z"));
    expect(defaultCallBack(w, new Date("2026-11-23T04:02:00Z"))).toBe(Date.parse("2026-11-23T05:05:00Z"));
  });
});

describe("the contact form", () => {
  const now = new Date("2026-11-23T04:00:00Z");

  it("sends the follow-up time only with the outcome it belongs to", () => {
    const form = { ...emptyForm(), outcome: "replied" as const, note: "  买家说明天在家 ", callBackAt: now.getTime() + 3600e3 };
    expect(toNewContact(7, form)).toEqual({
      case_id: 7,
      channel: "phone",
      outcome: "replied",
      note: "买家说明天在家",
      at: null,
      call_back_at: null,
      agreed_update_at: null,
    });
    const later = toNewContact(7, { ...form, outcome: "call_later", note: " " });
    expect(later.call_back_at).toBe("2026-11-23T05:00:00.000Z");
    expect(later.note).toBeNull();
    const agreed = toNewContact(7, { ...form, outcome: "agreed", agreedUpdateAt: now.getTime() + 86400e3, at: now.getTime() - 60e3 });
    expect(agreed).toMatchObject({ agreed_update_at: "2026-11-24T04:00:00.000Z", call_back_at: null, at: "2026-11-23T03:59:00.000Z" });
  });

  it("asks for a call-back time after the contact", () => {
    const base = { ...emptyForm(), outcome: "call_later" as const };
    expect(formProblems(base, now)).toEqual({ callBackAt: "followup.log.needTime" });
    expect(formProblems({ ...base, callBackAt: now.getTime() - 1 }, now)).toEqual({ callBackAt: "followup.log.mustBeFuture" });
    expect(formProblems({ ...base, callBackAt: now.getTime() + 60e3 }, now)).toEqual({});
    // The agreed time is optional, but when given it must lie ahead.
    expect(formProblems({ ...emptyForm(), outcome: "agreed" }, now)).toEqual({});
    expect(formProblems({ ...emptyForm(), outcome: "agreed", agreedUpdateAt: now.getTime() }, now)).toEqual({
      agreedUpdateAt: "followup.log.mustBeFuture",
    });
  });
});

describe("the rules editor", () => {
  it("reads HH:MM", () => {
    expect(minutesOf("12:30")).toBe(750);
    expect(minutesOf("9:05")).toBe(545);
    expect(minutesOf("24:00")).toBeNull();
    expect(minutesOf("noon")).toBeNull();
  });

  it("points at a bad, reversed or overlapping window", () => {
    expect(
      windowProblems([
        { start: "12:00", end: "13:00" },
        { start: "18:00", end: "20:00" },
      ]),
    ).toEqual([null, null]);
    expect(
      windowProblems([
        { start: "12:00", end: "13:00" },
        { start: "12:30", end: "14:00" },
        { start: "21:00", end: "20:00" },
        { start: "8", end: "9:00" },
      ]),
    ).toEqual(["followup.rules.overlaps", "followup.rules.overlaps", "followup.rules.endBeforeStart", "followup.rules.invalidTime"]);
    // Touching windows do not overlap.
    expect(
      windowProblems([
        { start: "12:00", end: "13:00" },
        { start: "13:00", end: "14:00" },
      ]),
    ).toEqual([null, null]);
  });

  it("adds a new window after the last one", () => {
    expect(nextWindowRule([{ start: "18:00", end: "20:00" }])).toEqual({ start: "20:00", end: "21:00" });
    expect(nextWindowRule([])).toEqual({ start: "09:00", end: "10:00" });
    expect(nextWindowRule([{ start: "22:00", end: "23:30" }])).toEqual({ start: "22:00", end: "23:00" });
  });
});

describe("keyboard", () => {
  const key = (k: string, opts: KeyboardEventInit = {}, target?: HTMLElement) => {
    const e = new KeyboardEvent("keydown", { key: k, ...opts });
    if (target) Object.defineProperty(e, "target", { value: target });
    return e;
  };

  it("maps the documented keys, and 1–4 only while the snooze menu is open", () => {
    expect(todayShortcut(key("j"), false)).toBe("next");
    expect(todayShortcut(key("ArrowUp"), false)).toBe("previous");
    expect(todayShortcut(key("Enter"), false)).toBe("open");
    expect(todayShortcut(key("L"), false)).toBe("log");
    expect(todayShortcut(key("s"), false)).toBe("snooze");
    expect(todayShortcut(key("d"), false)).toBe("dismiss");
    expect(todayShortcut(key("r"), false)).toBe("refresh");
    expect(todayShortcut(key("2"), false)).toBeNull();
    expect(todayShortcut(key("2"), true)).toBe("snooze:hour_1");
    expect(todayShortcut(key("4"), true)).toBe("snooze:tomorrow");
  });

  it("stays out of the way while typing or with modifiers", () => {
    expect(todayShortcut(key("l", {}, document.createElement("input")), false)).toBeNull();
    expect(todayShortcut(key("r", { ctrlKey: true }), false)).toBeNull();
  });
});

describe("fired batches", () => {
  it("highlights what fired for a while, then forgets it", () => {
    const batch = { items: [item(1), item(2)] } as FiredBatch;
    const t0 = new Date("2026-11-23T04:00:00Z");
    const marks = highlightsFrom(batch, t0);
    expect([...marks.keys()]).toEqual([1, 2]);
    expect(marks.get(1)).toBe(t0.getTime() + HIGHLIGHT_MS);
    const later = highlightsFrom({ items: [item(3)] } as FiredBatch, new Date(t0.getTime() + HIGHLIGHT_MS + 1), marks);
    expect([...later.keys()]).toEqual([3]);
  });
});

describe("wording", () => {
  const { t, te } = i18n.global;

  it("names every kind, channel, outcome and snooze in both languages", () => {
    for (const lang of ["zh-CN", "en"] as const) {
      const m = messages[lang];
      for (const k of ALL_KINDS) expect(m.kind[k as ReminderKind], k).toBeTruthy();
      for (const c of ALL_CHANNELS) expect(m.channel[c], c).toBeTruthy();
      for (const o of ALL_OUTCOMES) expect(m.outcome[o], o).toBeTruthy();
      for (const s of ALL_SNOOZES) expect(m.snooze[s], s).toBeTruthy();
    }
  });

  it("localizes the core's follow-up codes with the field's name", () => {
    i18n.global.locale.value = "zh-CN";
    const e = new IpcError({ code: "validation.not_after_contact", message: "must lie after", field: "call_back_at" });
    expect(followupError(t, te, e)).toBe("「约好回电的时间」要晚于联系时间");
    i18n.global.locale.value = "en";
    expect(followupError(t, te, e)).toBe("“Call back at” must be after the contact");
    expect(followupError(t, te, new IpcError({ code: "validation.window_overlap", message: "x", field: "windows" }))).toBe(
      "Call windows overlap",
    );
    // Codes this area does not word itself fall through to the app's wording.
    expect(followupError(t, te, new IpcError({ code: "not_found", message: "case 9" }))).toBe(
      t("errors.not_found"),
    );
    i18n.global.locale.value = "zh-CN";
  });
});
