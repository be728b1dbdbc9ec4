import { describe, expect, it } from "vitest";
import type { CaseEvent, EventDetail, EventKind } from "../bindings";
import { i18n } from "../i18n";
import { eventSource, eventTitle, eventValues } from "./history";

// Every kind core can write; TypeScript refuses this object when the bindings gain a kind
// that is not listed here, so a new kind cannot reach the history without a title.
const KINDS: Record<EventKind, true> = {
  created: true,
  status: true,
  reopened: true,
  note: true,
  labels: true,
  field: true,
  draft_copied: true,
  contact: true,
  remedy_added: true,
  remedy_edited: true,
  remedy_status: true,
  compliance_flag: true,
  promise_added: true,
  promise_status: true,
  promise_due: true,
  outcome: true,
  appeal_added: true,
  appeal_edited: true,
  appeal_status: true,
  evidence_added: true,
  evidence_removed: true,
  followup_started: true,
  other: true,
};

function ev(kind: EventKind, values: Partial<CaseEvent> = {}, detail: EventDetail = {}): CaseEvent {
  return {
    id: 1,
    case_id: 1,
    at: "2026-11-20T04:00:00Z",
    actor: "店主",
    kind,
    field: null,
    old_value: null,
    new_value: null,
    note: null,
    detail,
    ...values,
  };
}

function words(locale: "zh-CN" | "en") {
  i18n.global.locale.value = locale;
  return { t: i18n.global.t, te: i18n.global.te, locale };
}

describe("case history", () => {
  it("has a title for every kind in both languages", () => {
    for (const locale of ["zh-CN", "en"] as const) {
      const w = words(locale);
      for (const kind of Object.keys(KINDS) as EventKind[]) {
        expect(w.te(`case.event.${kind}`), `${locale}: ${kind}`).toBe(true);
        expect(eventTitle(ev(kind), w)).not.toBe(kind);
      }
    }
  });

  it("renders stored values in the owner's words", () => {
    const w = words("zh-CN");
    expect(eventValues(ev("status", { old_value: "new", new_value: "contacting" }), w)).toBe("新差评 → 联系中");
    expect(eventValues(ev("outcome", { new_value: "review_revised" }, { new: { final_stars: 4 } }), w)).toBe(
      "买家已改评 · ★★★★",
    );
    expect(eventValues(ev("outcome", { old_value: "buyer_refused" }), w)).toBe("买家拒绝处理 → —");
    expect(
      eventValues(ev("labels", { old_value: "quality", new_value: "logistics" }, { old: { severity: 2 }, new: { severity: 3 } }), w),
    ).toBe("质量问题 · 较重 → 物流/快递 · 紧急");
    expect(eventValues(ev("remedy_status", { old_value: "proposed", new_value: "delivered" }), w)).toBe("已提出 → 已发放");
    expect(
      eventValues(ev("remedy_added", { new_value: "partial_refund" }, { new: { value_cents: 2000, cost_cents: 2000, currency: "CNY" } }), w),
    ).toBe("部分退款 · ¥20.00");
    expect(eventValues(ev("compliance_flag", {}, { new: { codes: ["compliance.reward_for_positive_review"] } }), w)).toBe(
      "补偿与好评挂钩",
    );
    expect(eventValues(ev("contact", { new_value: "no_answer" }, { new: { channel: "phone" } }), w)).toBe("没接通/没回复 · 电话");
    expect(eventValues(ev("evidence_added", { new_value: "chat.png" }, { new: { size_bytes: 2048, sha256: "ab" } }), w)).toContain(
      "chat.png · 2.0 KB",
    );
    expect(eventSource(ev("created", { new_value: "new" }, { import: { file: "export.csv", row: 12 } }), w)).toBe(
      "导入自 export.csv（第 12 行）",
    );
  });

  it("shows English, and older entries as they were stored", () => {
    const w = words("en");
    expect(eventValues(ev("appeal_status", { old_value: "draft", new_value: "submitted" }), w)).toBe("Draft → Submitted");
    expect(eventValues(ev("remedy_added", { new_value: "partial refund ¥20.00" }), w)).toBe("partial refund ¥20.00");
    expect(eventValues(ev("compliance_flag", { new_value: "compliance.reward_for_positive_review" }), w)).not.toContain(
      "compliance.",
    );
    expect(eventTitle(ev("draft_copied", { field: "public" }), w)).not.toBe("draft_copied");
  });
});
