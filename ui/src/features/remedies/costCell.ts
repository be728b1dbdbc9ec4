// The inbox's small remedies column: what the case cost so far and how many of its
// commitments are overdue. Kept here so the inbox only asks for the figures and renders this.
import { h, type VNodeChild } from "vue";
import type { CaseCost } from "../../bindings";
import { formatMoney } from "../../utils/format";

type Translate = (key: string, params?: Record<string, unknown>) => string;

export function costCell(cost: CaseCost | undefined, t: Translate): VNodeChild {
  if (!cost) return null;
  const spent = cost.amounts.filter((a) => a.spent_cents > 0);
  const parts: VNodeChild[] = [];
  if (spent.length) {
    parts.push(h("span", { class: "cost-spent", "data-testid": "case-cost-cell" }, spent.map((a) => formatMoney(a.spent_cents, a.currency)).join(" + ")));
  }
  if (cost.overdue > 0) {
    parts.push(
      h(
        "span",
        { style: "color: #d03050; font-weight: 600; margin-left: 4px", title: t("remedies.overdueCount", { n: cost.overdue }), "data-testid": "case-overdue-cell" },
        `●${cost.overdue}`,
      ),
    );
  }
  if (cost.flagged) parts.push(h("span", { style: "color: #c9362e; margin-left: 4px", title: t("remedies.compliance.title") }, "⚠"));
  return parts.length ? h("span", { style: "white-space: nowrap; font-size: 12px" }, parts) : null;
}
