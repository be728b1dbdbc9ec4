// One action over many cases, with a confirmation that says exactly what will happen:
// how many cases change, which stay as they are and why, and what is still owed on the
// ones being finished or deleted. The core refuses the run if the selection changed since.
import { h, type VNode } from "vue";
import type { BulkAction, BulkPreview, BulkReport, CaseFilter } from "../bindings";
import { bulkPreview, bulkRun } from "../api/bulk";
import { owedList } from "./owed";

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** The confirmation's text: what changes, what does not, what is owed. */
export function bulkSummary(p: BulkPreview, t: Translate): VNode {
  const a = p.action;
  const summary =
    a.kind === "set_status"
      ? t("inbox.bulk.summary.set_status", { n: p.applies, status: t(`status.${a.status}`) })
      : t(`inbox.bulk.summary.${a.kind}`, { n: p.applies, reminders: p.reminders });
  const reasons = p.skipped.map((s) => t(`inbox.bulk.skip.${s.reason}`, { n: s.count })).join("；");
  const skipped = p.skipped.reduce((n, s) => n + s.count, 0);
  return h("div", { class: "bulk-summary", "data-testid": "bulk-summary" }, [
    h("p", { "data-testid": "bulk-count" }, summary),
    skipped > 0 ? h("p", { style: "color: #8a8f99" }, t("inbox.bulk.skipped", { n: skipped, reasons })) : null,
    p.owed_total > 0
      ? h("div", [
          h("p", { style: "color: #c9362e" }, t("inbox.bulk.owed", { cases: p.owed_cases, n: p.owed_total })),
          owedList(p.owed, t, p.owed_total - p.owed.length),
        ])
      : null,
  ]);
}

export interface BulkUi {
  t: Translate;
  dialog: {
    warning: (o: Record<string, unknown>) => unknown;
    error: (o: Record<string, unknown>) => unknown;
  };
  message: { info: (s: string) => unknown; success: (s: string) => unknown; error: (s: string) => unknown };
  errorText: (e: unknown) => string;
}

/**
 * Previews the action, asks, and runs it; resolves with what was done, or null when the
 * owner said no, nothing applied, or it failed (the error is shown).
 */
export async function runBulk(ui: BulkUi, selection: CaseFilter, action: BulkAction): Promise<BulkReport | null> {
  const { t } = ui;
  let preview: BulkPreview;
  try {
    preview = await bulkPreview({ ...selection, limit: 0, offset: 0 }, action);
  } catch (e) {
    ui.message.error(ui.errorText(e));
    return null;
  }
  if (preview.applies === 0) {
    ui.message.info(t("inbox.bulk.nothing"));
    return null;
  }
  const deleting = action.kind === "delete";
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: BulkReport | null) => {
      if (!settled) {
        settled = true;
        resolve(r);
      }
    };
    (deleting ? ui.dialog.error : ui.dialog.warning)({
      title: deleting ? t("inbox.bulk.confirmDelete") : t("inbox.bulk.confirmTitle"),
      content: () => bulkSummary(preview, t),
      positiveText: t("inbox.bulk.confirmGo", { n: preview.applies }),
      negativeText: t("common.cancel"),
      positiveButtonProps: { "data-testid": "bulk-confirm" },
      onPositiveClick: async () => {
        try {
          const report = await bulkRun({ selection: { ...selection, limit: 0, offset: 0 }, action, expected: preview.cases });
          ui.message.success(
            action.kind === "dismiss_reminders"
              ? t("inbox.bulk.doneDismissed", { n: report.reminders_dismissed })
              : t("inbox.bulk.done", { n: report.changed }),
          );
          done(report);
        } catch (e) {
          ui.message.error(ui.errorText(e));
          done(null);
        }
      },
      onNegativeClick: () => done(null),
      onClose: () => done(null),
      onMaskClick: () => done(null),
    });
  });
}
