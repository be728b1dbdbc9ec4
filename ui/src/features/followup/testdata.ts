// Reminders and Today views for the tests of this folder.
import type { DueItem, TodayView } from "../../bindings";

export function item(id: number, over: Partial<DueItem> = {}): DueItem {
  return {
    id,
    case_id: 100 + id,
    kind: "callback",
    subject: "",
    due: "2026-11-23T04:00:00Z",
    late_at: "2026-11-23T05:00:00Z",
    expires_at: null,
    tz: "Asia/Shanghai",
    window: null,
    reason: { code: "callback.no_answer", params: {}, zh: `回电 ${id}`, en: `Call back ${id}` },
    fired_at: null,
    fire_count: 0,
    snoozed_until: null,
    next_fire_at: null,
    platform: "taobao",
    product: `商品${id}`,
    buyer_nick: `买家${id}`,
    status: "contacting",
    backlog: false,
    ...over,
  };
}

export function view(over: Partial<TodayView> = {}): TodayView {
  return {
    now: "2026-11-23T04:10:00Z",
    due_now: [],
    in_window: [],
    overdue: [],
    coming_up: [],
    counts: { due_now: 0, in_window: 0, overdue: 0, coming_up: 0, snoozed: 0, backlog: 0, tooltip_zh: "", tooltip_en: "" },
    backlog: { cases: 0, reply_open: 0, first_closes: null, oldest_review: null, newest_review: null },
    current_window: null,
    next_window: null,
    ...over,
  };
}
