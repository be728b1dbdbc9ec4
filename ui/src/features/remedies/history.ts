// Case-history values written by the remedies area are stable codes ("delivered",
// "review_revised (4★)"); this turns them into the owner's words for the timeline.
type Translate = (key: string, params?: Record<string, unknown>) => string;

const STATUS_KEYS: Record<string, string> = {
  remedy_status: "remedies.status",
  promise_status: "remedies.promiseStatus",
  appeal_status: "remedies.appealStatus",
};

export function resolutionValue(kind: string, value: string, t: Translate, te: (key: string) => boolean): string | null {
  const base = STATUS_KEYS[kind];
  if (base) return te(`${base}.${value}`) ? t(`${base}.${value}`) : null;
  if (kind === "outcome") {
    const m = /^([a-z_]+)(?: \((\d)★\))?$/.exec(value);
    if (!m || !te(`remedies.outcome.${m[1]}`)) return null;
    return m[2] ? `${t(`remedies.outcome.${m[1]}`)} ${"★".repeat(Number(m[2]))}` : t(`remedies.outcome.${m[1]}`);
  }
  if (kind === "compliance_flag") {
    const codes = value.split(",").map((c) => c.trim().replace(/^compliance\./, ""));
    if (!codes.every((c) => te(`remedies.compliance.short.${c}`))) return null;
    return codes.map((c) => t(`remedies.compliance.short.${c}`)).join("、");
  }
  return null;
}
