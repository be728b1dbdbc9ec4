// A small dashboard, as the core returns it, for the tests of this folder: three days,
// two causes, imported statistics, one alert, closed cases, contacts and spend in two
// currencies.
import type { CaseDrill, CaseFilter, Dashboard, FilterOptions, Period } from "../../bindings";

export function filter(over: Partial<CaseFilter> = {}): CaseFilter {
  return {
    query: "",
    statuses: [],
    platforms: [],
    stars: [1, 2, 3],
    causes: [],
    min_severity: null,
    product: null,
    from: "2026-11-17T16:00:00Z",
    to: "2026-11-20T15:59:59.999999Z",
    open_only: false,
    urgent_only: false,
    backlog: false,
    ids: [],
    sort: "review_time",
    descending: true,
    limit: 0,
    offset: 0,
    ...over,
  };
}

export function drill(over: Partial<CaseDrill> = {}, f: Partial<CaseFilter> = {}): CaseDrill {
  return {
    filter: filter(f),
    shops: [],
    products: [],
    closed_from: null,
    closed_to: null,
    resolved_from: null,
    resolved_to: null,
    outcomes: [],
    first_response_missed: false,
    alert_id: null,
    inbox_exact: true,
    ...over,
  };
}

export const periods: Period[] = [
  { key: "2026-11-18", first_day: "2026-11-18", last_day: "2026-11-18", start: "2026-11-17T16:00:00Z", end: "2026-11-18T15:59:59.999999Z" },
  { key: "2026-11-19", first_day: "2026-11-19", last_day: "2026-11-19", start: "2026-11-18T16:00:00Z", end: "2026-11-19T15:59:59.999999Z" },
  { key: "2026-11-20", first_day: "2026-11-20", last_day: "2026-11-20", start: "2026-11-19T16:00:00Z", end: "2026-11-20T15:59:59.999999Z" },
];

const range = { closed_from: "2026-11-17T16:00:00Z", closed_to: "2026-11-20T15:59:59.999999Z" };

export function dashboard(over: Partial<Dashboard> = {}): Dashboard {
  return {
    query: { from: "2026-11-18", to: "2026-11-20", platforms: [], shops: [], products: [], granularity: "day" },
    generated_at: "2026-11-20T04:00:00Z",
    trend: {
      periods,
      by_cause: [
        { cause: "quality", counts: [2, 0, 1], drill: drill({}, { causes: ["quality"] }) },
        { cause: "logistics", counts: [0, 1, 1], drill: drill({}, { causes: ["logistics"] }) },
      ],
      bad: [2, 1, 1],
      neutral: [0, 0, 1],
      total: [2, 1, 2],
      rate: {
        has_data: true,
        reviews: [40, 0, 50],
        bad_or_neutral: [2, 0, 2],
        rate_bp: [500, null, 400],
        total_reviews: 90,
        total_bad_or_neutral: 4,
        total_rate_bp: 444,
      },
      drill: drill(),
    },
    causes: [
      { cause: "quality", count: 3, share_bp: 6000, drill: drill({}, { causes: ["quality"] }) },
      { cause: "logistics", count: 2, share_bp: 4000, drill: drill({}, { causes: ["logistics"] }) },
    ],
    products: [
      {
        product: "电热水壶 <1.7L>",
        count: 3,
        bad: 3,
        neutral: 0,
        top_causes: [
          { cause: "quality", count: 2 },
          { cause: "logistics", count: 1 },
        ],
        drill: drill({}, { product: "电热水壶 <1.7L>" }),
      },
      {
        product: "保温杯",
        count: 2,
        bad: 1,
        neutral: 1,
        top_causes: [{ cause: "quality", count: 1 }],
        drill: drill({}, { product: "保温杯" }),
      },
    ],
    alerts: [
      { alert_id: 4, term: "漏电", product: "", enabled: true, hits: 2, drill: drill({ alert_id: 4, inbox_exact: false }) },
      { alert_id: 5, term: "曝光", product: "", enabled: false, hits: 0, drill: drill({ alert_id: 5, inbox_exact: false }) },
    ],
    recovery: {
      periods,
      closed: [1, 0, 2],
      recovered: [1, 0, 1],
      rate_bp: [10000, null, 5000],
      overall: { closed: 3, recovered: 2, rate_bp: 6667 },
      by_cause: [
        { cause: "quality", closed: 2, recovered: 1, rate_bp: 5000, drill: drill({ ...range, outcomes: ["review_revised"], inbox_exact: false }) },
        { cause: "logistics", closed: 1, recovered: 1, rate_bp: 10000, drill: drill({ ...range, inbox_exact: false }) },
      ],
      outcomes: [
        { outcome: "review_revised", count: 2 },
        { outcome: "buyer_unreachable", count: 1 },
      ],
      drill: drill({ ...range, outcomes: ["review_revised", "follow_up_positive", "removed_by_platform"], inbox_exact: false }, { stars: [] }),
    },
    response: {
      periods,
      first_contact: { cases: 4, median_secs: 5400, median_by_period: [3600, null, 7200], drill: drill({}, { stars: [] }) },
      resolution: {
        cases: 2,
        median_secs: 172800,
        median_by_period: [null, 86400, 259200],
        drill: drill({ resolved_from: "2026-11-17T16:00:00Z", resolved_to: "2026-11-20T15:59:59.999999Z", inbox_exact: false }, { stars: [] }),
      },
      deadlines: {
        hours: 24,
        met: 3,
        missed_late: 1,
        missed_no_contact: 1,
        missed: 2,
        pending: 1,
        missed_by_period: [1, 0, 1],
        drill: drill({ first_response_missed: true, inbox_exact: false }, { stars: [] }),
      },
    },
    spend: {
      periods,
      currencies: [
        {
          currency: "CNY",
          spent_by_period: [2000, 0, 4550],
          spent_cents: 6550,
          delivered: 3,
          by_kind: [
            { kind: "partial_refund", cost_cents: 6000, count: 2 },
            { kind: "coupon", cost_cents: 550, count: 1 },
          ],
          pending_cents: 8800,
          closed_cases_cost_cents: 6000,
          cost_per_recovered_cents: 3000,
        },
        {
          currency: "USD",
          spent_by_period: [0, 1000, 0],
          spent_cents: 1000,
          delivered: 1,
          by_kind: [{ kind: "partial_refund", cost_cents: 1000, count: 1 }],
          pending_cents: 0,
          closed_cases_cost_cents: 0,
          cost_per_recovered_cents: null,
        },
      ],
      closed_cases: 3,
      recovered: 2,
    },
    ...over,
  };
}

export const options: FilterOptions = {
  platforms: ["taobao", "jd"],
  shops: ["暖居小铺"],
  products: ["保温杯", "电热水壶 <1.7L>"],
  first_day: "2026-10-10",
  last_day: "2026-11-20",
};
