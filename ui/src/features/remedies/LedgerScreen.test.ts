import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { defineComponent, h } from "vue";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { NMessageProvider } from "naive-ui";
import type { Case, LedgerItem, Totals, TotalsQuery } from "../../bindings";
import { i18n } from "../../i18n";

vi.mock("../../api/ipc", async (orig) => ({ ...(await orig<typeof import("../../api/ipc")>()), call: vi.fn() }));
import { call } from "../../api/ipc";
import LedgerScreen from "./LedgerScreen.vue";

const mocked = vi.mocked(call);

const base = {
  currency: "CNY",
  coupon_percent_bp: null,
  gift_item: null,
  quantity: null,
  unit_cost_cents: null,
  postage_payer: null,
  postage_cents: null,
  terms: "",
  cost_is_default: true,
  compliance_flags: [],
  compliance_match: null,
  created_at: "2026-11-20T04:00:00Z",
  updated_at: "2026-11-20T04:00:00Z",
};

const items: LedgerItem[] = [
  { type: "remedy", id: 1, case_id: 11, kind: "partial_refund", status: "delivered", next_statuses: [], value_cents: 2000, cost_cents: 2000, note: "", reference: "RF1", due_at: null, delivered_at: "2026-11-20T05:00:00Z", overdue: false, ...base },
  { type: "remedy", id: 2, case_id: 11, kind: "coupon", status: "proposed", next_statuses: ["accepted", "delivered", "declined", "cancelled"], value_cents: 1000, cost_cents: 300, note: "", reference: null, due_at: "2026-11-25T00:00:00Z", delivered_at: null, overdue: false, ...base },
  {
    type: "promise",
    id: 7,
    case_id: 12,
    text: "明天下午回电",
    due_at: "2026-11-19T00:00:00Z",
    status: "open",
    next_statuses: ["kept", "cancelled"],
    done_at: null,
    note: "",
    compliance_flags: [],
    compliance_match: null,
    overdue: true,
    created_at: "2026-11-18T00:00:00Z",
    updated_at: "2026-11-18T00:00:00Z",
  },
];

const cases = [
  { id: 11, product: "电热水壶", buyer_nick: "小周" },
  { id: 12, product: "保温杯", buyer_nick: "阿伟" },
] as unknown as Case[];

function totals(q: TotalsQuery): Totals {
  return {
    from: q.from,
    to: q.to,
    tz: "Asia/Shanghai",
    currencies: [
      {
        currency: "CNY",
        spent_cents: 2000,
        value_cents: 2000,
        delivered: 1,
        pending_cents: 300,
        by_day: [],
        by_week: [],
        by_month: [],
        by_kind: [{ key: "partial_refund", cost_cents: 2000, count: 1 }],
        by_product: [{ key: "电热水壶", cost_cents: 2000, count: 1 }],
        by_cause: [{ key: "quality", cost_cents: 2000, count: 1 }],
        closed_cases_cost_cents: 2000,
        cost_per_recovered_cents: 2000,
      },
    ],
    closed_cases: 1,
    recovered_reviews: 1,
    outcomes: [{ outcome: "review_revised", count: 1 }],
    overdue: { remedies: 0, promises: 1, appeals: 0, total: 1 },
    flagged_remedies: 0,
  };
}

let queries: TotalsQuery[];

beforeEach(() => {
  i18n.global.locale.value = "zh-CN";
  queries = [];
  mocked.mockImplementation(async (cmd: string, args?: Record<string, unknown>) => {
    if (cmd === "remedy_ledger") return { items, cases };
    if (cmd === "remedy_totals") {
      queries.push(args?.query as TotalsQuery);
      return totals(args?.query as TotalsQuery);
    }
    throw new Error(`unexpected ${cmd}`);
  });
});

afterEach(() => {
  document.body.innerHTML = "";
});

async function mountScreen(): Promise<{ w: VueWrapper; screen: () => VueWrapper }> {
  const Host = defineComponent({ setup: () => () => h(NMessageProvider, null, () => h(LedgerScreen)) });
  const w = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body });
  await flushPromises();
  return { w, screen: () => w.findComponent(LedgerScreen) as VueWrapper };
}

describe("ledger screen", () => {
  it("shows the period's totals and breakdowns by kind, product and cause", async () => {
    const { w } = await mountScreen();
    expect(w.find("[data-testid=ledger-spent]").text()).toBe("¥20.00");
    expect(w.find("[data-testid=ledger-pending]").text()).toBe("¥3.00");
    expect(w.find("[data-testid=ledger-per-recovered]").text()).toBe("¥20.00");
    expect(w.find("[data-testid=ledger-overdue]").text()).toBe("1");
    expect(w.find("[data-testid=ledger-by-kind]").text()).toContain("部分退款");
    expect(w.find("[data-testid=ledger-by-product]").text()).toContain("电热水壶");
    expect(w.find("[data-testid=ledger-by-cause]").text()).toContain("质量问题");
    // This month, in local time: [1st, 1st of next month).
    const from = new Date(queries[0].from);
    expect(from.getDate()).toBe(1);
    expect(from.getHours()).toBe(0);
  });

  it("lists every row with its case, marks the overdue promise and filters to overdue only", async () => {
    const { w } = await mountScreen();
    const rows = () => w.findAll("[data-testid=ledger-table] tbody tr[data-ledger-key]");
    expect(rows()).toHaveLength(3);
    const overdue = rows().find((r) => r.attributes("data-ledger-key") === "promise-7");
    expect(overdue?.classes()).toContain("row-overdue");
    expect(overdue?.text()).toContain("#12 保温杯");
    expect(overdue?.text()).toContain("已逾期");
    await w.find("[data-testid=ledger-overdue-only]").trigger("click");
    await flushPromises();
    expect(rows().map((r) => r.attributes("data-ledger-key"))).toEqual(["promise-7"]);
    // O toggles it back.
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "o" }));
    await flushPromises();
    expect(rows()).toHaveLength(3);
  });

  it("opens the case of a clicked row", async () => {
    const { w, screen } = await mountScreen();
    await w.find("[data-ledger-key=remedy-2]").trigger("click");
    expect(screen().emitted("open-case")).toEqual([[{ caseId: 11 }]]);
  });

  it("asks for new totals when the period changes", async () => {
    const { screen } = await mountScreen();
    (screen().vm.$ as unknown as { setupState: { period: string } }).setupState.period = "all";
    await flushPromises();
    expect(queries).toHaveLength(2);
    expect(new Date(queries[1].from).getFullYear()).toBe(2000);
  });
});
