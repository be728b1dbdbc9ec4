// How a case's triage reasons are shown: grouped under the cause they support (rule words,
// the owner's keywords, the model's grams, the AI's quotes), then the rest (severity, risk,
// requests, alerts), each in the window's language whatever it was labelled in.
import type { Cause, Reason, ReasonKind } from "../../bindings";

/** Kinds of reason that support one cause. */
const CAUSE_KINDS: ReasonKind[] = ["cause", "owner_keyword", "model", "ai", "product_mismatch"];

export interface CauseReasons {
  cause: Cause;
  reasons: Reason[];
}

export interface GroupedReasons {
  /** In the order of the case's causes (primary first); causes without reasons left out. */
  byCause: CauseReasons[];
  /** Everything not tied to one cause. */
  rest: Reason[];
}

export function groupReasons(details: Reason[], causes: Cause[]): GroupedReasons {
  const byCause: CauseReasons[] = [];
  for (const cause of causes) {
    const reasons = details.filter((r) => r.cause === cause && CAUSE_KINDS.includes(r.kind));
    if (reasons.length > 0) byCause.push({ cause, reasons });
  }
  const shown = new Set(byCause.flatMap((g) => g.reasons));
  const rest = details.filter((r) => !shown.has(r) && !(r.cause !== null && CAUSE_KINDS.includes(r.kind)));
  return { byCause, rest };
}

/** The reason in the window's language. */
export function reasonText(r: Reason, locale: string): string {
  return locale.startsWith("en") ? r.en : r.zh;
}

/**
 * The part of a cause reason after its cause name ("质量问题：“坏了”" → "“坏了”"), for a line
 * that already shows the cause as a tag.
 */
export function withoutCause(r: Reason, locale: string): string {
  const text = reasonText(r, locale);
  if (r.cause === null || !CAUSE_KINDS.includes(r.kind)) return text;
  const m = /^[^：:“"]+[：:]\s*/.exec(text);
  return m ? text.slice(m[0].length) : text;
}

/** The label of a reason's source, as an i18n key under `triage.reasons`. */
export function sourceKey(kind: ReasonKind): string | null {
  switch (kind) {
    case "cause":
    case "product_mismatch":
      return "triage.reasons.rules";
    case "owner_keyword":
      return "triage.reasons.owner";
    case "model":
      return "triage.reasons.model";
    case "ai":
      return "triage.reasons.ai";
    default:
      return null;
  }
}
