// What the keywords screen computes: filtering and sorting the two lists, the progress
// of a re-triage, and error texts that name the field in the owner's words.
import type { AlertUsage, Cause, OwnerKeyword, RetriageProgress } from "../../bindings";
import { errorText } from "../../i18n";
import { IpcError } from "../../api/ipc";
import { parseTime } from "../../utils/format";

type Translate = (key: string, params?: Record<string, unknown>) => string;
type Exists = (key: string) => boolean;

export type SortOrder = "ascend" | "descend" | false;
export interface Sort<K extends string> {
  key: K | null;
  order: SortOrder;
}

/** Text matching for the filters: case-insensitive, ignoring spaces around. */
export function matches(haystack: string[], needle: string): boolean {
  const n = needle.trim().toLowerCase();
  return n === "" || haystack.some((h) => h.toLowerCase().includes(n));
}

function compare(a: string | number, b: string | number): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), "zh-CN");
}

function sorted<T>(rows: T[], order: SortOrder, key: (r: T) => string | number): T[] {
  if (!order) return rows;
  const dir = order === "descend" ? -1 : 1;
  return [...rows].sort((a, b) => dir * compare(key(a), key(b)));
}

export type KeywordSortKey = "cause" | "term" | "product";

export function keywordRows(
  all: OwnerKeyword[],
  filter: { text: string; causes: Cause[] },
  sort: Sort<KeywordSortKey>,
  causeLabel: (c: Cause) => string,
): OwnerKeyword[] {
  const rows = all.filter(
    (k) => (filter.causes.length === 0 || filter.causes.includes(k.cause)) && matches([k.term, k.product, causeLabel(k.cause)], filter.text),
  );
  if (!sort.key) return rows;
  const key = sort.key;
  return sorted(rows, sort.order, (k) => (key === "cause" ? causeLabel(k.cause) : k[key]));
}

export type AlertSortKey = "term" | "product" | "hits" | "last_hit";

export function alertRows(all: AlertUsage[], filter: { text: string; enabledOnly: boolean }, sort: Sort<AlertSortKey>): AlertUsage[] {
  const rows = all.filter((a) => (!filter.enabledOnly || a.enabled) && matches([a.term, a.product], filter.text));
  if (!sort.key) return rows;
  const key = sort.key;
  return sorted(rows, sort.order, (a) => {
    if (key === "last_hit") return a.last_hit ? parseTime(a.last_hit).getTime() : 0;
    return a[key];
  });
}

/** Share done, 0–100, for the progress bar (a run with no cases is complete). */
export function percent(p: RetriageProgress | null): number {
  if (!p) return 0;
  if (p.total <= 0) return 100;
  return Math.min(100, Math.floor((p.done * 100) / p.total));
}

/**
 * The text of an error from this screen's commands. Core names the field of a bad value
 * (`term`, `cause`, `product`, `high_value_cents`); these words are specific to this
 * screen, so they are looked up here first (`triage.errors.<code>_<field>`), then as the
 * app words any error.
 */
export function triageError(t: Translate, te: Exists, e: unknown): string {
  if (e instanceof IpcError) {
    const flat = e.code.replace(/\./g, "_");
    for (const key of [e.field ? `triage.errors.${flat}_${e.field}` : "", `triage.errors.${flat}`]) {
      if (key && te(key)) return t(key);
    }
  }
  return errorText(t, te, e);
}
