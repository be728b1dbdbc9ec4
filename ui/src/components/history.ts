// A case-history entry in the owner's words. Core stores values (status codes, outcome
// codes, amounts in cents, times) and, for a value with several parts, the parts by name
// in `detail`; this renders each kind of entry from them. Entries written before values
// were kept that way may hold text as it was shown then: anything not recognised is
// shown as stored.
import type { CaseEvent, EventKind, EventParts } from "../bindings";
import { humanSize } from "../features/remedies/size";
import { formatLocal, formatMoney } from "../utils/format";

type Translate = (key: string, params?: Record<string, unknown>) => string;
type Has = (key: string) => boolean;

export interface Words {
  t: Translate;
  te: Has;
  locale: string;
}

/** The i18n group of the code values each kind of entry holds. */
const CODES: Partial<Record<EventKind, string>> = {
  status: "status",
  reopened: "status",
  created: "status",
  labels: "cause",
  outcome: "remedies.outcome",
  contact: "followup.outcome",
  remedy_added: "remedies.kind",
  remedy_edited: "remedies.kind",
  remedy_status: "remedies.status",
  promise_status: "remedies.promiseStatus",
  appeal_added: "remedies.reason",
  appeal_edited: "remedies.reason",
  appeal_status: "remedies.appealStatus",
};

function code(w: Words, group: string | undefined, v: string): string {
  if (!group) return v;
  const key = `${group}.${v}`;
  return w.te(key) ? w.t(key) : v;
}

function parts(w: Words, kind: EventKind, p: EventParts | undefined): string[] {
  if (!p) return [];
  const out: string[] = [];
  if (p.severity !== undefined) out.push(w.t(`severity.${p.severity}`));
  if (p.final_stars !== undefined) out.push("★".repeat(p.final_stars));
  if (p.channel !== undefined) out.push(code(w, "followup.channel", p.channel));
  if (p.value_cents !== undefined && (p.value_cents > 0 || kind === "remedy_edited")) {
    out.push(formatMoney(p.value_cents, p.currency ?? "CNY"));
  }
  if (p.coupon_percent_bp !== undefined) out.push(`${p.coupon_percent_bp / 100}%`);
  if (p.gift_item !== undefined) out.push(p.quantity !== undefined ? `${p.gift_item} × ${p.quantity}` : p.gift_item);
  if (p.cost_cents !== undefined && kind === "remedy_edited") {
    out.push(w.t("case.eventCost", { money: formatMoney(p.cost_cents, p.currency ?? "CNY") }));
  }
  if (p.due_at !== undefined) out.push(w.t("case.eventDue", { time: formatLocal(p.due_at, w.locale) }));
  if (p.size_bytes !== undefined) out.push(humanSize(p.size_bytes));
  if (p.codes !== undefined) {
    out.push(p.codes.map((c) => code(w, "remedies.compliance.short", c.replace(/^compliance\./, ""))).join("、"));
  }
  return out;
}

/** One side (`old` or `new`) of an entry, or "" when it has none. */
export function eventSide(e: CaseEvent, side: "old" | "new", w: Words): string {
  const value = side === "old" ? e.old_value : e.new_value;
  const detail = side === "old" ? e.detail.old : e.detail.new;
  let head = "";
  if (value) {
    if (e.kind === "promise_due") head = formatLocal(value, w.locale);
    else if (e.kind === "compliance_flag") {
      // Written before the codes were kept as a list: "compliance.a, compliance.b".
      head = value
        .split(",")
        .map((c) => code(w, "remedies.compliance.short", c.trim().replace(/^compliance\./, "")))
        .join("、");
    } else head = code(w, CODES[e.kind], value);
  }
  return [head, ...parts(w, e.kind, detail)].filter((s) => s !== "").join(" · ");
}

/** `old → new`, `new`, or `old → ` (a value taken away); "" when the entry holds none. */
export function eventValues(e: CaseEvent, w: Words): string {
  const oldText = eventSide(e, "old", w);
  const newText = eventSide(e, "new", w);
  if (oldText && newText) return `${oldText} → ${newText}`;
  if (oldText) return `${oldText} → —`;
  return newText;
}

/** The title: the kind, named after the field when there is a more specific one. */
export function eventTitle(e: CaseEvent, w: Words): string {
  const specific = `case.event.${e.kind}_${e.field}`;
  if (e.field && w.te(specific)) return w.t(specific);
  const key = `case.event.${e.kind}`;
  return w.te(key) ? w.t(key) : e.kind;
}

/** Where an imported entry came from, or "". */
export function eventSource(e: CaseEvent, w: Words): string {
  const i = e.detail.import;
  return i ? w.t("case.eventImport", { file: i.file, row: i.row }) : "";
}
