import { describe, expect, it } from "vitest";
import type { Case, LedgerItem, Promise as PromiseRow, Remedy } from "../../bindings";
import { IpcError } from "../../api/ipc";
import { i18n } from "../../i18n";
import {
  REMEDY_KINDS,
  appealsApply,
  caseSpent,
  compareBy,
  complianceText,
  defaultReason,
  dueSoon,
  emptyQuery,
  filterLedger,
  kindFields,
  moneyList,
  periodRange,
  quickDue,
  remedyError,
} from "./logic";
import { humanSize } from "./size";
import messages from "./messages";

function remedy(over: Partial<Remedy>): LedgerItem {
  return {
    type: "remedy",
    id: 1,
    case_id: 1,
    kind: "partial_refund",
    status: "proposed",
    currency: "CNY",
    value_cents: 2000,
    cost_cents: 2000,
    cost_is_default: true,
    coupon_percent_bp: null,
    gift_item: null,
    quantity: null,
    unit_cost_cents: null,
    postage_payer: null,
    postage_cents: null,
    terms: "",
    note: "",
    reference: null,
    due_at: null,
    delivered_at: null,
    next_statuses: ["accepted", "delivered", "declined", "cancelled"],
    compliance_flags: [],
    compliance_match: null,
    overdue: false,
    created_at: "2026-11-20T04:00:00Z",
    updated_at: "2026-11-20T04:00:00Z",
    ...over,
  };
}

function promise(over: Partial<PromiseRow>): LedgerItem {
  return {
    type: "promise",
    id: 1,
    case_id: 2,
    text: "明天回电",
    due_at: "2026-11-21T02:00:00Z",
    status: "open",
    next_statuses: ["kept", "cancelled"],
    done_at: null,
    note: "",
    compliance_flags: [],
    compliance_match: null,
    overdue: false,
    created_at: "2026-11-20T04:00:00Z",
    updated_at: "2026-11-20T04:00:00Z",
    ...over,
  };
}

describe("kind fields", () => {
  it("show the inputs each kind takes", () => {
    expect(kindFields("coupon")).toMatchObject({ couponPercent: true, giftItem: false, postage: false, valueOptional: false });
    expect(kindFields("gift")).toMatchObject({ giftItem: true, quantity: true, unitCost: true, postage: true, valueOptional: true });
    expect(kindFields("return_refund")).toMatchObject({ postagePayer: true, postage: true, couponPercent: false });
    expect(kindFields("partial_refund")).toMatchObject({ valueOptional: false, postage: false, quantity: false });
    expect(kindFields("full_refund").valueOptional).toBe(true);
  });

  it("every kind has a label and a cost rule in both languages", () => {
    for (const lang of ["zh-CN", "en"] as const) {
      for (const k of REMEDY_KINDS) {
        expect(messages[lang].kind[k], `${lang} ${k}`).toBeTruthy();
        expect(messages[lang].costRule[k], `${lang} ${k}`).toBeTruthy();
      }
    }
  });
});

describe("appeals", () => {
  const c = (primary: Case["primary_cause"], causes: Case["causes"] = []) => ({ primary_cause: primary, causes: [primary, ...causes] });
  it("apply to malicious and misattributed cases, with a fitting reason", () => {
    expect(appealsApply(c("malicious"))).toBe(true);
    expect(appealsApply(c("quality", ["misattributed"]))).toBe(true);
    expect(appealsApply(c("quality"))).toBe(false);
    expect(defaultReason(c("misattributed"))).toBe("misattributed");
    expect(defaultReason(c("malicious"))).toBe("extortion");
  });
});

describe("money and time", () => {
  it("keeps currencies apart", () => {
    expect(moneyList([{ currency: "CNY", cents: 2000 }, { currency: "USD", cents: 500 }])).toBe("¥20.00 + $5.00");
    expect(moneyList([])).toBe("¥0.00");
    expect(caseSpent(null)).toBe("¥0.00");
    expect(
      caseSpent({ case_id: 1, amounts: [{ currency: "CNY", spent_cents: 2300, pending_cents: 0 }], remedies: 2, open_promises: 0, overdue: 0, flagged: false }),
    ).toBe("¥23.00");
  });

  it("periods are half-open local ranges that contain now", () => {
    const now = new Date(2026, 10, 20, 12, 0);
    const month = periodRange("month", now);
    expect(month.from).toEqual(new Date(2026, 10, 1));
    expect(month.to).toEqual(new Date(2026, 11, 1));
    const last = periodRange("last_month", now);
    expect(last.from).toEqual(new Date(2026, 9, 1));
    expect(last.to).toEqual(month.from);
    const week = periodRange("7d", now);
    expect(week.from).toEqual(new Date(2026, 10, 14));
    for (const k of ["month", "7d", "30d", "year", "all"] as const) {
      const r = periodRange(k, now);
      expect(r.from.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(r.to.getTime()).toBeGreaterThan(now.getTime());
    }
  });

  it("quick due times are in the future", () => {
    const now = new Date(2026, 10, 20, 21, 30);
    expect(quickDue("tonight", now).getTime()).toBeGreaterThan(now.getTime());
    expect(quickDue("tomorrow", now)).toEqual(new Date(2026, 10, 21, 10, 0));
    expect(quickDue("in3days", now)).toEqual(new Date(2026, 10, 23, 10, 0));
  });

  it("warns of deadlines within three days, not of passed ones", () => {
    const now = new Date("2026-11-20T00:00:00Z");
    expect(dueSoon("2026-11-22T00:00:00Z", now)).toBe(true);
    expect(dueSoon("2026-11-25T00:00:00Z", now)).toBe(false);
    expect(dueSoon("2026-11-19T00:00:00Z", now)).toBe(false);
  });

  it("sizes like the backend", () => {
    expect(humanSize(812)).toBe("812 B");
    expect(humanSize(1536)).toBe("1.5 KB");
    expect(humanSize(200 * 1024 * 1024)).toBe("200.0 MB");
    expect(humanSize(2 * 1024 ** 3)).toBe("2.0 GB");
  });
});

describe("ledger rows", () => {
  const items = [
    remedy({ id: 1, case_id: 1, kind: "coupon", value_cents: 1000, cost_cents: 300, due_at: "2026-11-22T00:00:00Z" }),
    remedy({ id: 2, case_id: 3, status: "delivered", reference: "TK123" }),
    promise({ id: 5, case_id: 2, overdue: true, due_at: "2026-11-19T00:00:00Z" }),
    promise({ id: 6, case_id: 2, status: "kept", due_at: "2026-11-18T00:00:00Z" }),
  ];
  const cases = new Map<number, Case>([[3, { id: 3, product: "保温杯", buyer_nick: "小周", order_id: null } as unknown as Case]]);

  it("filter by type, kind, status, overdue, open and text", () => {
    const q = emptyQuery();
    expect(filterLedger(items, q, cases)).toHaveLength(4);
    expect(filterLedger(items, { ...q, types: ["promise"] }, cases).map((i) => i.id)).toEqual([5, 6]);
    expect(filterLedger(items, { ...q, kinds: ["coupon"] }, cases).map((i) => i.id)).toEqual([1]);
    expect(filterLedger(items, { ...q, statuses: ["delivered", "kept"] }, cases).map((i) => i.id)).toEqual([2, 6]);
    expect(filterLedger(items, { ...q, overdueOnly: true }, cases).map((i) => i.id)).toEqual([5]);
    expect(filterLedger(items, { ...q, openOnly: true }, cases).map((i) => i.id)).toEqual([1, 5]);
    expect(filterLedger(items, { ...q, text: "保温" }, cases).map((i) => i.id)).toEqual([2]);
    expect(filterLedger(items, { ...q, text: "tk12" }, cases).map((i) => i.id)).toEqual([2]);
  });

  it("sort by due time with undated rows last, and by money", () => {
    expect([...items].sort(compareBy("due")).map((i) => `${i.type}${i.id}`)).toEqual(["promise6", "promise5", "remedy1", "remedy2"]);
    expect([...items].sort(compareBy("cost")).map((i) => i.id).slice(-2)).toEqual([1, 2]);
  });
});

describe("errors and compliance text", () => {
  const { t, te } = i18n.global;

  it("names this area's fields and codes in both languages", () => {
    i18n.global.locale.value = "zh-CN";
    const amount = new IpcError({ code: "validation.amount", message: "value: '12.5.0' is not an amount", field: "value" });
    expect(remedyError(t, te, amount)).toBe("「给买家的金额/价值」不是有效金额，请填像 12.50 这样的数字");
    const big = new IpcError({ code: "validation.file_too_large", message: "x", field: "file" });
    expect(remedyError(t, te, big)).toContain("200 MB");
    i18n.global.locale.value = "en";
    expect(remedyError(t, te, amount)).toBe("“Value to the buyer” is not an amount; type a number like 12.50");
    expect(remedyError(t, te, new IpcError({ code: "not_found", message: "remedy 9 not found" }))).toMatch(/not found|no longer|deleted/i);
    i18n.global.locale.value = "zh-CN";
  });

  it("explains the compliance codes the core sets", () => {
    i18n.global.locale.value = "zh-CN";
    expect(complianceText(t, te, "compliance.reward_for_positive_review")).toContain("好评返现");
    expect(complianceText(t, te, "compliance.reward_for_review_change")).toContain("改好评");
    expect(complianceText(t, te, "compliance.something_new")).toBe("这段文字可能违反评价合规规则。");
  });
});

describe("inbox cost cell", () => {
  it("shows the spend and overdue commitments, nothing for an untouched case", async () => {
    const { costCell } = await import("./costCell");
    const { mount } = await import("@vue/test-utils");
    const { defineComponent } = await import("vue");
    const t = i18n.global.t;
    i18n.global.locale.value = "zh-CN";
    expect(costCell(undefined, t)).toBeNull();
    expect(costCell({ case_id: 1, amounts: [], remedies: 0, open_promises: 0, overdue: 0, flagged: false }, t)).toBeNull();
    const cell = costCell(
      { case_id: 1, amounts: [{ currency: "CNY", spent_cents: 2300, pending_cents: 0 }], remedies: 2, open_promises: 1, overdue: 1, flagged: false },
      t,
    );
    const w = mount(defineComponent({ render: () => cell }));
    expect(w.text()).toBe("¥23.00●1");
    expect(w.find("[data-testid=case-overdue-cell]").attributes("title")).toBe("1 项逾期");
  });
});
