// Asking before something still owed is forgotten: a case with a remedy not yet delivered
// or an open promise is resolved, closed or deleted only once the owner has seen them.
import { h, type VNode } from "vue";
import type { Owed } from "../bindings";
import { formatLocal } from "../utils/format";

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** The owed items as a short list: kind, what it is, when it is due. */
export function owedList(owed: Owed[], t: Translate, more = 0): VNode {
  return h("ul", { class: "owed-list", "data-testid": "owed-list" }, [
    ...owed.map((o) =>
      h("li", { "data-owed-kind": o.kind }, [
        h("b", `${t(`case.owedKind.${o.kind}`)} · `),
        o.label,
        h(
          "span",
          { style: "color: #8a8f99" },
          ` · ${o.due_at ? t("case.owedDue", { time: formatLocal(o.due_at) }) : t("case.owedNoDue")}`,
        ),
      ]),
    ),
    more > 0 ? h("li", { style: "color: #8a8f99" }, t("inbox.bulk.owedMore", { n: more })) : null,
  ]);
}

/** The dialog API this needs (naive-ui's `useDialog()`). */
export interface DialogApi {
  warning: (options: {
    title: string;
    content: () => VNode;
    positiveText: string;
    negativeText: string;
    onPositiveClick: () => void;
    onNegativeClick: () => void;
    onClose: () => void;
    onMaskClick?: () => void;
  }) => unknown;
}

/**
 * Resolves true at once when nothing is owed; otherwise asks, naming every item, and
 * resolves with the owner's answer.
 */
export function confirmOwed(
  dialog: DialogApi,
  t: Translate,
  caseId: number,
  owed: Owed[],
  go: string,
): Promise<boolean> {
  if (owed.length === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    dialog.warning({
      title: t("case.owedTitle"),
      content: () => h("div", { "data-testid": "owed-confirm" }, [h("p", t("case.owedIntro", { id: caseId })), owedList(owed, t)]),
      positiveText: go,
      negativeText: t("common.cancel"),
      onPositiveClick: () => resolve(true),
      onNegativeClick: () => resolve(false),
      onClose: () => resolve(false),
      onMaskClick: () => resolve(false),
    });
  });
}
