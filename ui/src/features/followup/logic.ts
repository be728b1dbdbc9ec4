// Pure helpers of the follow-up screens: sorting and filtering reminders, relative times,
// the contact form's payload, the rules editor's checks, keyboard shortcuts, error text.
import type {
  CallWindow,
  ContactChannel,
  ContactOutcome,
  DueItem,
  FiredBatch,
  FollowupRules,
  NewContact,
  ReminderKind,
  SectionQuery,
  Snooze,
  TodayView,
  WindowRule,
} from "../../bindings";
import { IpcError } from "../../api/ipc";
import { errorText } from "../../i18n";
import { parseTime } from "../../utils/format";

type Translate = (key: string, params?: Record<string, unknown>) => string;
type Exists = (key: string) => boolean;
type TagType = "default" | "primary" | "info" | "success" | "warning" | "error";

export const ALL_CHANNELS: ContactChannel[] = ["phone", "platform_im", "wechat", "sms", "email"];
export const ALL_OUTCOMES: ContactOutcome[] = ["no_answer", "replied", "agreed", "refused", "call_later", "blocked"];
export const ALL_SNOOZES: Snooze[] = ["minutes_15", "hour_1", "next_window", "tomorrow"];

export const kindTag: Record<ReminderKind, TagType> = {
  first_response: "error",
  first_response_warning: "warning",
  callback: "info",
  escalate_phone: "info",
  call_later: "info",
  check_review_update: "success",
  revisit: "success",
  promise_due: "warning",
  appeal_deadline: "error",
  explanation_deadline: "warning",
};
export const ALL_KINDS = Object.keys(kindTag) as ReminderKind[];

export function isCall(kind: ReminderKind): boolean {
  return kind === "callback" || kind === "escalate_phone" || kind === "call_later";
}

export function reasonText(item: Pick<DueItem, "reason">, locale: string): string {
  return locale === "en" ? item.reason.en : item.reason.zh;
}

/** When the item will next ask for attention: its snooze time if snoozed, else its due time. */
export function firesAt(item: DueItem): string {
  return item.snoozed_until ?? item.due;
}

export function isSnoozed(item: DueItem, now: Date): boolean {
  return item.snoozed_until !== null && parseTime(item.snoozed_until).getTime() > now.getTime();
}

export function isLate(item: DueItem, now: Date): boolean {
  return parseTime(item.late_at).getTime() <= now.getTime();
}

// ---- sorting and filtering -------------------------------------------------------------

export type SortKey = "due" | "kind" | "case" | "buyer";
export type SortOrder = "ascend" | "descend" | false;
export interface SortState {
  key: SortKey | null;
  order: SortOrder;
}

function compareBy(key: SortKey, a: DueItem, b: DueItem): number {
  switch (key) {
    case "due":
      return parseTime(firesAt(a)).getTime() - parseTime(firesAt(b)).getTime();
    case "kind":
      return ALL_KINDS.indexOf(a.kind) - ALL_KINDS.indexOf(b.kind);
    case "case":
      return a.product.localeCompare(b.product, "zh-CN") || a.case_id - b.case_id;
    case "buyer":
      return (a.buyer_nick ?? "").localeCompare(b.buyer_nick ?? "", "zh-CN") || a.platform.localeCompare(b.platform);
  }
}

/** A sorted copy; with no sort the core's order (most urgent first) is kept. */
export function sortItems(items: DueItem[], sort: SortState): DueItem[] {
  if (!sort.key || !sort.order) return items.slice();
  const sign = sort.order === "descend" ? -1 : 1;
  const key = sort.key;
  // Ties keep the core's order, so a sort never shuffles equal rows.
  return items
    .map((item, i) => ({ item, i }))
    .sort((x, y) => sign * compareBy(key, x.item, y.item) || x.i - y.i)
    .map((x) => x.item);
}

export type SectionKey = "due_now" | "in_window" | "overdue" | "coming_up";
export const SECTIONS: SectionKey[] = ["due_now", "in_window", "overdue", "coming_up"];
export const sectionCount: Record<SectionKey, keyof TodayView["counts"]> = {
  due_now: "due_now",
  in_window: "in_window",
  overdue: "overdue",
  coming_up: "coming_up",
};

/** Rows a section loads at a time once it is expanded. */
export const SECTION_PAGE = 50;

/** What the core sent for a section beyond Today's top items: a page and its total. */
export interface SectionState {
  items: DueItem[];
  total: number;
}

export interface Section {
  key: SectionKey;
  items: DueItem[];
  /** All of them (matching the filters), even past what is loaded. */
  total: number;
  /** How many are loaded. */
  listed: number;
}

/**
 * The four sections: Today's top items and counts, or, for a section that is expanded or
 * filtered, the page the core sent for it. Sorting only reorders what is loaded.
 */
export function buildSections(view: TodayView, pages: Partial<Record<SectionKey, SectionState>>, sort: SortState): Section[] {
  return SECTIONS.map((key) => {
    const page = pages[key];
    const listed = page ? page.items : view[key];
    return {
      key,
      items: sortItems(listed, sort),
      total: page ? page.total : (view.counts[sectionCount[key]] as number),
      listed: listed.length,
    };
  });
}

/** The core's query for a section page. */
export function sectionQuery(key: SectionKey, query: string, kinds: ReminderKind[], offset: number, limit: number): SectionQuery {
  return { section: key, kinds: [...kinds], query: query.trim(), offset, limit };
}

/** The rows in screen order, for J/K. An item listed twice (never expected) counts once. */
export function flatten(sections: Section[]): DueItem[] {
  const seen = new Set<number>();
  const out: DueItem[] = [];
  for (const s of sections) {
    for (const i of s.items) {
      if (!seen.has(i.id)) {
        seen.add(i.id);
        out.push(i);
      }
    }
  }
  return out;
}

/** The id `delta` steps from `current` (clamped), or the first one. */
export function stepSelection(items: DueItem[], current: number | null, delta: number): number | null {
  if (items.length === 0) return null;
  const i = items.findIndex((x) => x.id === current);
  if (i < 0) return items[delta < 0 ? items.length - 1 : 0].id;
  return items[Math.min(items.length - 1, Math.max(0, i + delta))].id;
}

// ---- time ------------------------------------------------------------------------------

export interface Relative {
  key: "now" | "inMinutes" | "inHours" | "inDays" | "minutesAgo" | "hoursAgo" | "daysAgo";
  n: number;
}

/** "in 20 min" / "3 h ago", in the largest whole unit. */
export function relativeTime(iso: string, now: Date): Relative {
  const diff = parseTime(iso).getTime() - now.getTime();
  const minutes = Math.round(Math.abs(diff) / 60000);
  if (minutes < 1) return { key: "now", n: 0 };
  const future = diff > 0;
  if (minutes < 60) return { key: future ? "inMinutes" : "minutesAgo", n: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { key: future ? "inHours" : "hoursAgo", n: hours };
  return { key: future ? "inDays" : "daysAgo", n: Math.floor(hours / 24) };
}

/**
 * What the rows show that moves with the clock (relative time, late, snoozed, just fired),
 * as one string: two clocks that give the same string draw the same rows.
 */
export function rowsLook(items: DueItem[], now: Date, highlighted: Map<number, number>): string {
  return items
    .map((i) => {
      const snoozed = isSnoozed(i, now);
      const rel = relativeTime(snoozed && i.snoozed_until ? i.snoozed_until : i.due, now);
      const fired = (highlighted.get(i.id) ?? 0) > now.getTime();
      return `${i.id}:${rel.key}${rel.n}${snoozed ? "s" : ""}${!snoozed && isLate(i, now) ? "l" : ""}${fired ? "f" : ""}`;
    })
    .join(" ");
}

/** Two reads of Today that list the same reminders and counts (the read's own time aside). */
export function sameToday(a: TodayView, b: TodayView): boolean {
  return JSON.stringify({ ...a, now: "" }) === JSON.stringify({ ...b, now: "" });
}

/** Only the local clock time, e.g. "13:00". */
export function localClock(iso: string): string {
  const d = parseTime(iso);
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
}

export function windowIsOpen(w: CallWindow | null, now: Date): boolean {
  return !!w && parseTime(w.start).getTime() <= now.getTime() && parseTime(w.end).getTime() > now.getTime();
}

/** Whole minutes from now, rounded up to the next 5, as a date-picker value (ms). */
export function roundedLater(now: Date, minutes: number): number {
  const step = 5 * 60000;
  return Math.ceil((now.getTime() + minutes * 60000) / step) * step;
}

/** A sensible default for "call later at": the buyer's next window start, else in an hour. */
export function defaultCallBack(nextWindow: CallWindow | null, now: Date): number {
  if (nextWindow) {
    const start = parseTime(nextWindow.start).getTime();
    if (start > now.getTime()) return start;
  }
  return roundedLater(now, 60);
}

/** "Agreed to update by": tomorrow at the same time (buyers usually need a day). */
export function defaultAgreed(now: Date): number {
  return roundedLater(now, 24 * 60);
}

// ---- the contact form ------------------------------------------------------------------

export interface ContactDraft {
  channel: ContactChannel;
  outcome: ContactOutcome;
  note: string;
  /** Date-picker values (ms since epoch); null = now / not given. */
  at: number | null;
  callBackAt: number | null;
  agreedUpdateAt: number | null;
}

export function emptyForm(): ContactDraft {
  return { channel: "phone", outcome: "no_answer", note: "", at: null, callBackAt: null, agreedUpdateAt: null };
}

export function needsCallBack(outcome: ContactOutcome): boolean {
  return outcome === "call_later";
}

export function needsAgreedTime(outcome: ContactOutcome): boolean {
  return outcome === "agreed";
}

/** Field → i18n key of the problem, checked before sending (the core checks again). */
export function formProblems(form: ContactDraft, now: Date): Partial<Record<"callBackAt" | "agreedUpdateAt", string>> {
  const at = form.at ?? now.getTime();
  const out: Partial<Record<"callBackAt" | "agreedUpdateAt", string>> = {};
  if (needsCallBack(form.outcome)) {
    if (form.callBackAt === null) out.callBackAt = "followup.log.needTime";
    else if (form.callBackAt <= at) out.callBackAt = "followup.log.mustBeFuture";
  }
  if (needsAgreedTime(form.outcome) && form.agreedUpdateAt !== null && form.agreedUpdateAt <= at) {
    out.agreedUpdateAt = "followup.log.mustBeFuture";
  }
  return out;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** What `log_contact` receives: the follow-up times only with the outcome they belong to. */
export function toNewContact(caseId: number, form: ContactDraft): NewContact {
  const note = form.note.trim();
  return {
    case_id: caseId,
    channel: form.channel,
    outcome: form.outcome,
    note: note === "" ? null : note,
    at: iso(form.at),
    call_back_at: needsCallBack(form.outcome) ? iso(form.callBackAt) : null,
    agreed_update_at: needsAgreedTime(form.outcome) ? iso(form.agreedUpdateAt) : null,
  };
}

// ---- the rules editor ------------------------------------------------------------------

const HM = /^([01]?\d|2[0-3]):([0-5]\d)$/;

export function minutesOf(hm: string): number | null {
  const m = HM.exec(hm.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** Per window, the i18n key of what is wrong with it (null when fine). */
export function windowProblems(windows: WindowRule[]): (string | null)[] {
  const spans = windows.map((w) => [minutesOf(w.start), minutesOf(w.end)] as const);
  return spans.map(([a, b], i) => {
    if (a === null || b === null) return "followup.rules.invalidTime";
    if (a >= b) return "followup.rules.endBeforeStart";
    const overlaps = spans.some(([c, d], j) => j !== i && c !== null && d !== null && c < d && a < d && c < b);
    return overlaps ? "followup.rules.overlaps" : null;
  });
}

/** A fresh window after the last one (an hour long), for "add window". */
export function nextWindowRule(windows: WindowRule[]): WindowRule {
  const ends = windows.map((w) => minutesOf(w.end)).filter((m): m is number => m !== null);
  const start = Math.min(Math.max(9 * 60, ...ends), 22 * 60);
  const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  return { start: hm(start), end: hm(start + 60) };
}

export function cloneRules(r: FollowupRules): FollowupRules {
  return JSON.parse(JSON.stringify(r)) as FollowupRules;
}

/** A calendar date picked in the local zone, as the core's `YYYY-MM-DD`. */
export function dateKey(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

const COMMON_ZONES = [
  "Asia/Shanghai",
  "Asia/Hong_Kong",
  "Asia/Taipei",
  "Asia/Tokyo",
  "Asia/Seoul",
  "Asia/Singapore",
  "Asia/Bangkok",
  "Asia/Kolkata",
  "Asia/Dubai",
  "Europe/London",
  "Europe/Berlin",
  "Europe/Paris",
  "Europe/Moscow",
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Los_Angeles",
  "America/Toronto",
  "America/Sao_Paulo",
  "Australia/Sydney",
  "Pacific/Auckland",
  "UTC",
];

/** Every IANA zone the webview knows, common ones first. */
export function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  let all: string[] = [];
  try {
    all = intl.supportedValuesOf?.("timeZone") ?? [];
  } catch {
    all = [];
  }
  const rest = all.filter((z) => !COMMON_ZONES.includes(z)).sort();
  return [...COMMON_ZONES, ...rest];
}

// ---- fired batches ---------------------------------------------------------------------

/** How long rows that just fired stay highlighted. */
export const HIGHLIGHT_MS = 5 * 60000;

/** Reminder ids of a batch with the time their highlight ends. */
export function highlightsFrom(batch: FiredBatch, now: Date, into: Map<number, number> = new Map()): Map<number, number> {
  const until = now.getTime() + HIGHLIGHT_MS;
  for (const i of batch.items) into.set(i.id, until);
  for (const [id, end] of into) if (end <= now.getTime()) into.delete(id);
  return into;
}

// ---- keyboard --------------------------------------------------------------------------

export type TodayAction = "next" | "previous" | "open" | "log" | "snooze" | "dismiss" | "refresh" | `snooze:${Snooze}`;

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  const tag = el.tagName;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
}

/** The Today screen's keys. With the snooze menu open, 1–4 pick the snooze. */
export function todayShortcut(e: KeyboardEvent, snoozeMenuOpen: boolean): TodayAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey || typingIn(e.target)) return null;
  const key = e.key.toLowerCase();
  if (snoozeMenuOpen && /^[1-4]$/.test(key)) return `snooze:${ALL_SNOOZES[Number(key) - 1]}`;
  switch (key) {
    case "j":
    case "arrowdown":
      return "next";
    case "k":
    case "arrowup":
      return "previous";
    case "enter":
    case "o":
      return "open";
    case "l":
      return "log";
    case "s":
      return "snooze";
    case "d":
      return "dismiss";
    case "r":
      return "refresh";
    default:
      return null;
  }
}

// ---- errors ----------------------------------------------------------------------------

/**
 * Localized text for an error from a follow-up command: this area's own wording
 * (`followup.errors.<code with _>`, field names from `followup.fields`) first, then the
 * app's general wording.
 */
export function followupError(t: Translate, te: Exists, e: unknown): string {
  const err = e instanceof IpcError ? e : null;
  if (err) {
    const key = `followup.errors.${err.code.replace(/\./g, "_")}`;
    if (te(key)) {
      const fieldKey = `followup.fields.${err.field ?? ""}`;
      const field = err.field && te(fieldKey) ? t(fieldKey) : (err.field ?? "");
      return t(key, { field, message: err.message });
    }
  }
  return errorText(t, te, e);
}
