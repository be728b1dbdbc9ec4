// Dates, periods and the way from a chart element to its cases. Pure, so it is tested
// without the app. Days are Beijing days ("YYYY-MM-DD"), as the core counts them.
import type { CaseDrill, CaseFilter, CaseStatus, Cause, Granularity, Period, Platform } from "../../bindings";

export type RangePreset = "last7" | "last30" | "last90" | "all" | "custom";
export const PRESET_DAYS: Record<Exclude<RangePreset, "custom" | "all">, number> = { last7: 7, last30: 30, last90: 90 };

const DAY_MS = 86_400_000;
/** Beijing is UTC+8 all year. */
const BEIJING_MS = 8 * 3_600_000;

export interface DayRange {
  from: string;
  to: string;
}

/** Today's Beijing day. */
export function beijingToday(now: Date): string {
  return new Date(now.getTime() + BEIJING_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both counted. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** The last `days` Beijing days, ending today (the core's `last_days`). */
export function lastDays(days: number, now: Date): DayRange {
  const to = beijingToday(now);
  return { from: addDays(to, -(Math.max(1, days) - 1)), to };
}

/**
 * Every day with a case, up to today (or up to the last review when it lies ahead, as a
 * wrong clock in an import can make it). Null before the first case.
 */
export function allTime(firstDay: string | null, lastDay: string | null, now: Date): DayRange | null {
  if (!firstDay) return null;
  const today = beijingToday(now);
  return { from: firstDay, to: lastDay && lastDay > today ? lastDay : today };
}

/** Whether the cases' span and a range have no day in common. */
export function outside(span: DayRange, range: DayRange): boolean {
  return span.to < range.from || span.from > range.to;
}

/** Days up to a month, weeks up to half a year, months beyond (as the report picks). */
export function granularityFor(range: DayRange): Granularity {
  const n = daysBetween(range.from, range.to);
  if (n <= 31) return "day";
  if (n <= 26 * 7) return "week";
  return "month";
}

/** The day, ISO week (Monday–Sunday) or month around `anchor` (the core's `period_around`). */
export function periodAround(g: Granularity, anchor: string): DayRange {
  if (g === "day") return { from: anchor, to: anchor };
  if (g === "week") {
    const weekday = (new Date(`${anchor}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
    const from = addDays(anchor, -weekday);
    return { from, to: addDays(from, 6) };
  }
  const from = `${anchor.slice(0, 7)}-01`;
  const [y, m] = [Number(anchor.slice(0, 4)), Number(anchor.slice(5, 7))];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
  return { from, to: addDays(next, -1) };
}

/** The date picker speaks local midnights; the dashboard speaks days. */
export function dayOfPicker(ts: number): string {
  const d = new Date(ts);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export function pickerOfDay(day: string): number {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(y, m - 1, d).getTime();
}

/**
 * The drill of one point of a time series: the series' drill narrowed to the period,
 * on the time the series is counted by (closing, finishing, or the review itself).
 */
export function atPeriod(drill: CaseDrill, p: Period): CaseDrill {
  if (drill.closed_from !== null || drill.closed_to !== null) {
    return { ...drill, closed_from: p.start, closed_to: p.end };
  }
  if (drill.resolved_from !== null || drill.resolved_to !== null) {
    return { ...drill, resolved_from: p.start, resolved_to: p.end };
  }
  return { ...drill, filter: { ...drill.filter, from: p.start, to: p.end } };
}

/** The same drill restricted to one primary cause (a segment of a product's bar). */
export function withCause(drill: CaseDrill, cause: CaseFilter["causes"][number]): CaseDrill {
  return { ...drill, filter: { ...drill.filter, causes: [cause] } };
}

/**
 * The part of a drill's filter the inbox takes. Paging and sort stay the inbox's own,
 * so the list opens on its first page, newest first.
 */
export function inboxFilter(drill: CaseDrill): Partial<CaseFilter> {
  const f = drill.filter;
  return {
    query: f.query,
    statuses: [...f.statuses],
    platforms: [...f.platforms],
    stars: [...f.stars],
    causes: [...f.causes],
    min_severity: f.min_severity,
    product: f.product,
    from: f.from,
    to: f.to,
    open_only: f.open_only,
    urgent_only: f.urgent_only,
  };
}

export type OpenTarget = { kind: "inbox"; filter: Partial<CaseFilter> } | { kind: "list"; drill: CaseDrill };

/** Where a click goes: the inbox when its filter says it all, otherwise the exact list. */
export function openTarget(drill: CaseDrill): OpenTarget {
  return drill.inbox_exact ? { kind: "inbox", filter: inboxFilter(drill) } : { kind: "list", drill };
}

/** Basis points as a percentage with one decimal ("12.5%"), or "—". */
export function pct(bp: number | null | undefined): string {
  if (bp === null || bp === undefined) return "—";
  return `${(bp / 100).toFixed(1)}%`;
}

/** Basis points as a chart value in percent (12.5), null kept. */
export function percentValue(bp: number | null): number | null {
  return bp === null ? null : Math.round(bp) / 100;
}

export interface DurationParts {
  unit: "minutes" | "hours" | "days" | "months" | "years";
  n: string;
}

const one = (x: number) => (x < 10 ? x.toFixed(1) : String(Math.round(x)));

/**
 * A duration in the unit an owner reads it in: minutes, hours up to two days, days up to
 * two months, months up to two years, then years (never "2844 days").
 */
export function durationParts(secs: number): DurationParts {
  const minutes = secs / 60;
  if (minutes < 60) return { unit: "minutes", n: String(Math.max(0, Math.round(minutes))) };
  const hours = minutes / 60;
  if (hours < 48) return { unit: "hours", n: hours < 10 ? hours.toFixed(1) : String(Math.round(hours)) };
  const days = hours / 24;
  if (days < 60) return { unit: "days", n: one(days) };
  if (days < 730) return { unit: "months", n: one(days / 30.44) };
  return { unit: "years", n: one(days / 365.25) };
}

/** The unit a time axis is drawn in: hours while the typical value is under three days. */
export type AxisUnit = "hours" | "days";

/**
 * How a chart of durations stays readable when a few are years long: the unit follows the
 * typical value, and the axis stops a little above the 90th percentile, the points beyond
 * it drawn at the edge and named in the note.
 */
export interface DurationScale {
  unit: AxisUnit;
  /** Seconds in one axis unit. */
  per: number;
  /** The axis' top in axis units, or null when every value fits. */
  max: number | null;
  /** How many values lie above `max`. */
  clipped: number;
  /** The largest value in axis units (what the note names). */
  largest: number;
}

export function durationScale(values: (number | null)[]): DurationScale {
  const xs = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  const median = xs.length ? xs[Math.floor((xs.length - 1) / 2)] : 0;
  const unit: AxisUnit = median >= 3 * 86_400 ? "days" : "hours";
  const per = unit === "days" ? 86_400 : 3_600;
  const largest = xs.length ? xs[xs.length - 1] / per : 0;
  if (xs.length < 3) return { unit, per, max: null, clipped: 0, largest };
  const p90 = xs[Math.floor(0.9 * (xs.length - 1))] / per;
  const cap = niceCeil(Math.max(p90 * 1.5, median / per * 3));
  // Only true outliers are cut: a spread of ordinary values keeps the whole axis.
  if (largest <= 3 * cap) return { unit, per, max: null, clipped: 0, largest };
  const clipped = xs.filter((v) => v / per > cap).length;
  return clipped > 0 ? { unit, per, max: cap, clipped, largest } : { unit, per, max: null, clipped: 0, largest };
}

/** 1, 2, 5 × a power of ten at or above x. */
function niceCeil(x: number): number {
  if (x <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

/** A duration in axis units, one decimal, cut at the axis' top when it has one. */
export function scaledValue(secs: number | null, s: DurationScale): number | null {
  if (secs === null) return null;
  const v = Math.round((secs / s.per) * 10) / 10;
  return s.max !== null ? Math.min(v, s.max) : v;
}

/** The axis label of a period: "11-20", "W47", "2026-11". */
export function periodLabel(key: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(key)) return key.slice(5);
  const week = /^\d{4}-W(\d{2})$/.exec(key);
  if (week) return `W${week[1]}`;
  return key;
}

/** Text put into a tooltip's HTML: product names and alert words come from reviews. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

/** A long product name cut for an axis label. */
export function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max - 1).join("") + "…";
}

/** The first instant of a Beijing day, as the core takes it (UTC RFC 3339). */
export function dayStart(day: string): string {
  return new Date(`${day}T00:00:00+08:00`).toISOString();
}

/** The last instant of a Beijing day (both ends of a range are included). */
export function dayEnd(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00+08:00`) + DAY_MS - 1).toISOString();
}

/** A selection of cases with nothing narrowed yet, on the inbox's own filter. */
export function emptyDrill(filter: CaseFilter): CaseDrill {
  return {
    filter,
    shops: [],
    products: [],
    closed_from: null,
    closed_to: null,
    resolved_from: null,
    resolved_to: null,
    outcomes: [],
    first_response_missed: false,
    alert_id: null,
    inbox_exact: false,
  };
}

/** Cases listed behind a chart element: enough to scan and open; the total says the rest. */
export const DRILL_LIMIT = 200;

/** The dashboard's filters, which the report and the export may reuse. */
export interface DashboardFilters {
  platforms: Platform[];
  shops: string[];
  products: string[];
}

/** The export dialog's filters: the inbox's, with the date range in Beijing days. */
export interface ExportForm {
  query: string;
  statuses: CaseStatus[];
  platforms: Platform[];
  causes: Cause[];
  stars: number[];
  range: DayRange | null;
  openOnly: boolean;
}

/**
 * What the export writes: the inbox's filter built from the form on top of `base` (the
 * inbox's defaults: newest first), plus the dashboard's shops and products when asked.
 * Paging is ignored by the export; every matching case is written.
 */
export function exportSelection(form: ExportForm, base: CaseFilter, dash: DashboardFilters | null): CaseDrill {
  const filter: CaseFilter = {
    ...base,
    query: form.query.trim(),
    statuses: [...form.statuses],
    platforms: [...form.platforms],
    causes: [...form.causes],
    stars: [...form.stars],
    from: form.range ? dayStart(form.range.from) : null,
    to: form.range ? dayEnd(form.range.to) : null,
    open_only: form.openOnly,
    limit: 0,
    offset: 0,
  };
  const drill = emptyDrill(filter);
  if (dash) {
    drill.shops = [...dash.shops];
    drill.products = [...dash.products];
  }
  return drill;
}
