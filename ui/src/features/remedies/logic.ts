// What the remedies screens decide without the backend: which fields a kind takes, the
// periods for totals, and how ledger rows sort and filter. Which moves a remedy, promise or
// appeal offers comes from the core with each row (`next_statuses`).
import type {
  AppealReason,
  AppealStatus,
  Case,
  CaseCost,
  Cause,
  LedgerItem,
  Outcome,
  PromiseStatus,
  RemedyKind,
  RemedyStatus,
} from "../../bindings";
import type { SelectGroupOption, SelectOption } from "naive-ui";
import { IpcError } from "../../api/ipc";
import { errorText } from "../../i18n";
import { formatMoney, parseTime } from "../../utils/format";

type TagType = "default" | "primary" | "info" | "success" | "warning" | "error";

export const REMEDY_KINDS: RemedyKind[] = [
  "partial_refund",
  "full_refund",
  "return_refund",
  "exchange",
  "resend",
  "repair",
  "coupon",
  "gift",
  "free_shipping",
  "promo_priority",
  "points",
  "other",
];

export const OUTCOMES: Outcome[] = [
  "review_revised",
  "follow_up_positive",
  "removed_by_platform",
  "explanation_only",
  "buyer_unreachable",
  "buyer_refused",
  "other",
];

export const APPEAL_REASONS: AppealReason[] = ["extortion", "competitor", "fraud", "insult_personal_data", "misattributed"];

export const remedyStatusTag: Record<RemedyStatus, TagType> = {
  proposed: "warning",
  accepted: "info",
  delivered: "success",
  declined: "default",
  cancelled: "default",
};

export const promiseStatusTag: Record<PromiseStatus, TagType> = {
  open: "warning",
  kept: "success",
  cancelled: "default",
};

export const appealStatusTag: Record<AppealStatus, TagType> = {
  draft: "warning",
  submitted: "info",
  accepted: "success",
  rejected: "error",
  withdrawn: "default",
};

/** Which optional inputs the form shows for a kind (the core drops the others). */
export interface KindFields {
  couponPercent: boolean;
  giftItem: boolean;
  quantity: boolean;
  unitCost: boolean;
  postagePayer: boolean;
  postage: boolean;
  /** The value may be left empty: the core derives it (order value, postage, items…). */
  valueOptional: boolean;
}

export function kindFields(kind: RemedyKind | null): KindFields {
  const k = kind ?? "other";
  const items = k === "gift" || k === "resend";
  return {
    couponPercent: k === "coupon",
    giftItem: k === "gift",
    quantity: items,
    unitCost: items,
    postagePayer: k === "return_refund" || k === "exchange",
    postage: ["return_refund", "exchange", "resend", "gift", "free_shipping"].includes(k),
    valueOptional: !["partial_refund", "coupon"].includes(k),
  };
}

/** Appeals matter for reviews the shop did not cause. */
export function appealsApply(c: Pick<Case, "primary_cause" | "causes">): boolean {
  const grounds: Cause[] = ["malicious", "misattributed"];
  return grounds.includes(c.primary_cause) || c.causes.some((x) => grounds.includes(x));
}

/** The reason an appeal most likely has, from the case's causes. */
export function defaultReason(c: Pick<Case, "primary_cause" | "causes">): AppealReason {
  if (c.primary_cause === "misattributed") return "misattributed";
  if (c.primary_cause !== "malicious" && c.causes.includes("misattributed")) return "misattributed";
  return "extortion";
}

/** "¥20.00 + $5.00": one figure per currency, never summed across them. */
export function moneyList(amounts: { currency: string; cents: number }[]): string {
  const nonZero = amounts.filter((a) => a.cents !== 0);
  if (nonZero.length === 0) return formatMoney(0, amounts[0]?.currency ?? "CNY");
  return nonZero.map((a) => formatMoney(a.cents, a.currency)).join(" + ");
}

export function caseSpent(cost: CaseCost | null): string {
  return moneyList((cost?.amounts ?? []).map((a) => ({ currency: a.currency, cents: a.spent_cents })));
}

export function casePending(cost: CaseCost | null): string {
  return moneyList((cost?.amounts ?? []).map((a) => ({ currency: a.currency, cents: a.pending_cents })));
}

/** A deadline close enough to warn about (three days), not yet passed. */
export function dueSoon(iso: string, now: Date, days = 3): boolean {
  const ms = parseTime(iso).getTime() - now.getTime();
  return ms >= 0 && ms < days * 86_400_000;
}

export type PeriodKey = "7d" | "30d" | "month" | "last_month" | "year" | "all";
export const PERIODS: PeriodKey[] = ["month", "last_month", "7d", "30d", "year", "all"];

/** [from, to) of a named period in the computer's local time. */
export function periodRange(key: PeriodKey, now: Date): { from: Date; to: Date } {
  const y = now.getFullYear();
  const m = now.getMonth();
  const dayStart = new Date(y, m, now.getDate());
  const tomorrow = new Date(y, m, now.getDate() + 1);
  switch (key) {
    case "7d":
      return { from: new Date(y, m, now.getDate() - 6), to: tomorrow };
    case "30d":
      return { from: new Date(y, m, now.getDate() - 29), to: tomorrow };
    case "month":
      return { from: new Date(y, m, 1), to: new Date(y, m + 1, 1) };
    case "last_month":
      return { from: new Date(y, m - 1, 1), to: new Date(y, m, 1) };
    case "year":
      return { from: new Date(y, 0, 1), to: new Date(y + 1, 0, 1) };
    case "all":
      // The ledger cannot predate the app; one day past today keeps "now" inside.
      return { from: new Date(2000, 0, 1), to: new Date(dayStart.getTime() + 2 * 86_400_000) };
  }
}

export function itemKey(i: LedgerItem): string {
  return `${i.type}-${i.id}`;
}

export function itemStatus(i: LedgerItem): string {
  return i.status;
}

export function itemOpen(i: LedgerItem): boolean {
  return i.type === "remedy" ? i.status === "proposed" || i.status === "accepted" : i.status === "open";
}

export interface LedgerQuery {
  types: ("remedy" | "promise")[];
  kinds: RemedyKind[];
  statuses: string[];
  overdueOnly: boolean;
  openOnly: boolean;
  text: string;
}

export function emptyQuery(): LedgerQuery {
  return { types: [], kinds: [], statuses: [], overdueOnly: false, openOnly: false, text: "" };
}

/** Client-side filter over the rows the backend returned. */
export function filterLedger(items: LedgerItem[], q: LedgerQuery, cases: Map<number, Case>): LedgerItem[] {
  const text = q.text.trim().toLowerCase();
  return items.filter((i) => {
    if (q.types.length && !q.types.includes(i.type)) return false;
    if (q.kinds.length && (i.type !== "remedy" || !q.kinds.includes(i.kind))) return false;
    if (q.statuses.length && !q.statuses.includes(i.status)) return false;
    if (q.overdueOnly && !i.overdue) return false;
    if (q.openOnly && !itemOpen(i)) return false;
    if (text) {
      const c = cases.get(i.case_id);
      const hay = [
        c?.product,
        c?.buyer_nick,
        c?.order_id,
        String(i.case_id),
        i.note,
        i.type === "remedy" ? i.reference : i.text,
        i.type === "remedy" ? i.terms : "",
      ]
        .filter(Boolean)
        .join(" ")
        .toLowerCase();
      if (!hay.includes(text)) return false;
    }
    return true;
  });
}

export type SortKey = "due" | "case" | "kind" | "value" | "cost" | "status" | "created";

function dueMs(i: LedgerItem): number {
  return i.due_at ? parseTime(i.due_at).getTime() : Number.POSITIVE_INFINITY;
}

/** A comparator for a column; undated rows sort after dated ones whichever way. */
export function compareBy(key: SortKey): (a: LedgerItem, b: LedgerItem) => number {
  switch (key) {
    case "due":
      return (a, b) => dueMs(a) - dueMs(b);
    case "case":
      return (a, b) => a.case_id - b.case_id;
    case "kind":
      return (a, b) => (a.type === "remedy" ? a.kind : "~").localeCompare(b.type === "remedy" ? b.kind : "~");
    case "value":
      return (a, b) => (a.type === "remedy" ? a.value_cents : -1) - (b.type === "remedy" ? b.value_cents : -1);
    case "cost":
      return (a, b) => (a.type === "remedy" ? a.cost_cents : -1) - (b.type === "remedy" ? b.cost_cents : -1);
    case "status":
      return (a, b) => a.status.localeCompare(b.status);
    case "created":
      return (a, b) => parseTime(a.created_at).getTime() - parseTime(b.created_at).getTime();
  }
}

type Translate = (key: string, params?: Record<string, unknown>) => string;

/**
 * Localized text for this area's errors: `remedies.errors.<code with _>` first (the codes
 * the ledger and appeals add), with the field named from `remedies.fields`, then the app's
 * shared error text.
 */
export function remedyError(t: Translate, te: (key: string) => boolean, e: unknown): string {
  const err = e instanceof IpcError ? e : null;
  if (err) {
    const key = `remedies.errors.${err.code.replace(/\./g, "_")}`;
    if (te(key)) {
      const fieldKey = err.field ? `remedies.fields.${err.field}` : "";
      const field = fieldKey && te(fieldKey) ? t(fieldKey) : te(`fields.${err.field}`) ? t(`fields.${err.field}`) : (err.field ?? "");
      return t(key, { field, message: err.message });
    }
    if (err.field && te(`remedies.fields.${err.field}`) && te(`errors.${err.code}`)) {
      return t(`errors.${err.code}`, { field: t(`remedies.fields.${err.field}`), message: err.message });
    }
  }
  return errorText(t, te, e);
}

/** Minutes since the epoch → the ISO text the backend takes. */
export function isoOf(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export function msOf(iso: string | null | undefined): number | null {
  return iso ? parseTime(iso).getTime() : null;
}

/** Quick due times the owner picks most: tonight 20:00, tomorrow 10:00, in three days 10:00. */
export function quickDue(key: "tonight" | "tomorrow" | "in3days" | "nextWeek", now: Date): Date {
  const y = now.getFullYear();
  const m = now.getMonth();
  const d = now.getDate();
  switch (key) {
    case "tonight": {
      const t = new Date(y, m, d, 20, 0);
      return t.getTime() > now.getTime() ? t : new Date(now.getTime() + 2 * 3_600_000);
    }
    case "tomorrow":
      return new Date(y, m, d + 1, 10, 0);
    case "in3days":
      return new Date(y, m, d + 3, 10, 0);
    case "nextWeek":
      return new Date(y, m, d + 7, 10, 0);
  }
}

/** The owner-facing reason for a compliance code such as `compliance.reward_for_positive_review`. */
export function complianceText(t: Translate, te: (key: string) => boolean, code: string): string {
  const key = `remedies.compliance.${code.replace(/^compliance\./, "")}`;
  return te(key) ? t(key) : t("remedies.compliance.other");
}

/** Select options carry their value as a `data-*` attribute, for tests and for styling. */
export function optionAttr(attr: string) {
  return (o: SelectOption | SelectGroupOption) => ({ [attr]: "value" in o ? String(o.value ?? "") : "" });
}
