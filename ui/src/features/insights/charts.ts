// What each chart of the dashboard shows, built from the core's figures: the ECharts
// option (localized series names, axis names, tooltips), what the chart says when it has
// nothing to show, and which cases a click on one of its elements opens.
import type { CaseDrill, Cause, CurrencySpend, Dashboard, Period, RemedyKind } from "../../bindings";
import { formatMoney } from "../../utils/format";
import type { ChartOption } from "./echarts";
import {
  atPeriod,
  durationParts,
  durationScale,
  esc,
  pct,
  percentValue,
  periodLabel,
  scaledValue,
  shorten,
  withCause,
} from "./logic";

export type Translate = (key: string, params?: Record<string, unknown>) => string;

export const CHART_KEYS = [
  "trend",
  "causes",
  "products",
  "alerts",
  "recoveryTrend",
  "recoveryCause",
  "response",
  "spendTrend",
  "spendKind",
] as const;
export type ChartKey = (typeof CHART_KEYS)[number];

/** What ECharts reports about a clicked element (the parts used here). */
export interface ClickParams {
  componentType?: string;
  seriesId?: string;
  seriesIndex?: number;
  dataIndex: number;
}

export interface EmptyText {
  title: string;
  hint?: string;
}

export interface ChartSpec {
  key: ChartKey;
  /** Null when there is nothing to draw; `empty` then says why and what to do. */
  option: ChartOption | null;
  empty: EmptyText | null;
  /** The cases behind a clicked element, or null where a click opens nothing. */
  drill: (p: ClickParams) => CaseDrill | null;
}

export interface ChartContext {
  t: Translate;
  /** The currency the spend charts show (the shop's main one unless the owner picks another). */
  currency: string;
}

/** One calm colour per cause, the same in every chart; red only for product faults. */
export const CAUSE_COLORS: Record<Cause, string> = {
  quality: "#e8453c",
  not_as_described: "#f0a020",
  logistics: "#3b82f6",
  packaging: "#22a3b8",
  service: "#8b5cf6",
  shipping_error: "#f97316",
  price: "#16a34a",
  malicious: "#9f1d1d",
  misattributed: "#94a3b8",
  other: "#c4cad4",
};
const GREEN = "#18a058";
const BLUE = "#2f6fdb";
const AMBER = "#f0a020";
const RED = "#e8453c";

const TEXT = { color: "#4b5563", fontSize: 11 };

/** Room at the top for a legend row and, below it, the value axes' names. */
const TOP_LEGEND = 50;
/** Room at the top for the value axis' name alone. */
const TOP_NAME = 26;

function grid(top = TOP_LEGEND) {
  return { left: 8, right: 14, top, bottom: 6, containLabel: true };
}

/** Horizontal bars: the value axis' name sits centred under its labels. */
function hgrid(right = 14) {
  return { left: 8, right, top: 6, bottom: 22, containLabel: true };
}

function hValueAxis(name: string, extra: Record<string, unknown> = {}) {
  return valueAxis(name, { nameLocation: "middle" as const, nameGap: 22, nameTextStyle: TEXT, ...extra });
}

function legend() {
  return { type: "scroll" as const, top: 0, left: 0, right: 0, itemWidth: 10, itemHeight: 10, itemGap: 10, textStyle: TEXT };
}

function periodAxis(periods: Period[]) {
  return {
    type: "category" as const,
    data: periods.map((p) => periodLabel(p.key)),
    axisLabel: { ...TEXT, hideOverlap: true },
    axisTick: { alignWithLabel: true },
  };
}

function valueAxis(name: string, extra: Record<string, unknown> = {}) {
  return {
    type: "value" as const,
    name,
    nameTextStyle: { ...TEXT, align: "left" as const },
    axisLabel: TEXT,
    splitLine: { lineStyle: { type: "dashed" as const, color: "#eceef2" } },
    ...extra,
  };
}

/** The right-hand axis: its name grows leftwards, so a long one stays inside the canvas. */
function rightAxis(name: string, extra: Record<string, unknown> = {}) {
  return valueAxis(name, { nameTextStyle: { ...TEXT, align: "right" as const }, splitLine: { show: false }, ...extra });
}

function percentAxis(name: string) {
  return rightAxis(name, {
    min: 0,
    axisLabel: { ...TEXT, formatter: "{value}%" },
    splitLine: { show: false },
  });
}

interface AxisParam {
  seriesId?: string;
  seriesName?: string;
  dataIndex: number;
  value: unknown;
  marker?: string;
}

function asList(p: unknown): AxisParam[] {
  return (Array.isArray(p) ? p : [p]) as AxisParam[];
}

function periodTitle(p: Period | undefined): string {
  if (!p) return "";
  return p.first_day === p.last_day ? p.first_day : `${p.first_day} – ${p.last_day}`;
}

function line(marker: string | undefined, label: string, value: string): string {
  return `<div class="tt-row">${marker ?? ""}<span class="tt-label">${esc(label)}</span><b>${esc(value)}</b></div>`;
}

function footer(t: Translate): string {
  return `<div class="tt-hint">${esc(t("insights.tooltip.open"))}</div>`;
}

function tooltip(trigger: "axis" | "item", formatter: (p: unknown) => string) {
  return {
    trigger,
    confine: true,
    axisPointer: { type: "shadow" as const },
    formatter,
    extraCssText: "max-width: 320px; white-space: normal;",
  };
}

const noDrill = () => null;

// ---------------------------------------------------------------------------- volume

export function trendChart(d: Dashboard, { t }: ChartContext): ChartSpec {
  const tr = d.trend;
  const total = tr.total.reduce((a, b) => a + b, 0);
  const spec: ChartSpec = { key: "trend", option: null, empty: null, drill: noDrill };
  if (total === 0) {
    spec.empty = { title: t("insights.empty.noCases"), hint: t("insights.empty.noCasesHint") };
    return spec;
  }
  const bars = tr.by_cause.map((s) => ({
    id: `cause:${s.cause}`,
    name: t(`cause.${s.cause}`),
    type: "bar" as const,
    stack: "cases",
    barMaxWidth: 28,
    emphasis: { focus: "series" as const },
    itemStyle: { color: CAUSE_COLORS[s.cause] },
    data: s.counts,
  }));
  const rate = tr.rate.has_data
    ? [
        {
          id: "rate",
          name: t("insights.charts.trend.rate"),
          type: "line" as const,
          yAxisIndex: 1,
          smooth: true,
          connectNulls: true,
          symbolSize: 5,
          itemStyle: { color: "#374151" },
          lineStyle: { width: 2 },
          data: tr.rate.rate_bp.map(percentValue),
        },
      ]
    : [];
  spec.option = {
    grid: grid(),
    legend: legend(),
    tooltip: tooltip("axis", (p) => {
      const list = asList(p);
      const i = list[0]?.dataIndex ?? 0;
      const rows = list
        .filter((x) => x.seriesId !== "rate" && Number(x.value) > 0)
        .map((x) => line(x.marker, x.seriesName ?? "", t("insights.tooltip.cases", { n: x.value })));
      const split = `${t("insights.charts.trend.bad")} ${tr.bad[i]} · ${t("insights.charts.trend.neutral")} ${tr.neutral[i]}`;
      const r = tr.rate.rate_bp[i];
      const rateRow =
        tr.rate.has_data && r !== null && r !== undefined
          ? line(
              list.find((x) => x.seriesId === "rate")?.marker,
              t("insights.charts.trend.rate"),
              `${pct(r)} (${t("insights.tooltip.reviews", { bad: tr.rate.bad_or_neutral[i], all: tr.rate.reviews[i] })})`,
            )
          : "";
      return `<div class="tt-title">${esc(periodTitle(tr.periods[i]))}</div>${rows.join("")}<div class="tt-sub">${esc(split)}</div>${rateRow}${footer(t)}`;
    }),
    xAxis: periodAxis(tr.periods),
    yAxis: [valueAxis(t("insights.charts.trend.count"), { minInterval: 1 }), percentAxis(t("insights.charts.trend.rate"))],
    series: [...bars, ...rate],
  };
  spec.drill = (p) => {
    const period = tr.periods[p.dataIndex];
    if (!period) return null;
    const cause = p.seriesId?.startsWith("cause:") ? p.seriesId.slice(6) : null;
    const series = cause ? tr.by_cause.find((s) => s.cause === cause) : null;
    return atPeriod(series ? series.drill : tr.drill, period);
  };
  return spec;
}

export function causesChart(d: Dashboard, { t }: ChartContext): ChartSpec {
  const spec: ChartSpec = { key: "causes", option: null, empty: null, drill: noDrill };
  if (d.causes.length === 0) {
    spec.empty = { title: t("insights.empty.chart") };
    return spec;
  }
  spec.option = {
    legend: {
      ...legend(),
      type: "scroll",
      orient: "vertical",
      left: "62%",
      top: "middle",
      right: 0,
      // Each cause with its share, so the split reads without hovering.
      formatter: (name: string) => {
        const c = d.causes.find((x) => t(`cause.${x.cause}`) === name);
        return c ? `${name}  ${pct(c.share_bp)}` : name;
      },
    },
    tooltip: tooltip("item", (p) => {
      const x = p as AxisParam & { name: string };
      const c = d.causes[x.dataIndex];
      if (!c) return "";
      return `<div class="tt-title">${x.marker ?? ""}${esc(x.name)}</div>${line(undefined, t("insights.tooltip.cases", { n: c.count }), t("insights.tooltip.share", { p: pct(c.share_bp) }))}${footer(t)}`;
    }),
    series: [
      {
        id: "causes",
        type: "pie",
        radius: ["42%", "70%"],
        center: ["31%", "52%"],
        avoidLabelOverlap: true,
        label: { show: false },
        itemStyle: { borderColor: "#fff", borderWidth: 2 },
        data: d.causes.map((c) => ({
          name: t(`cause.${c.cause}`),
          value: c.count,
          itemStyle: { color: CAUSE_COLORS[c.cause] },
        })),
      },
    ],
  };
  spec.drill = (p) => d.causes[p.dataIndex]?.drill ?? null;
  return spec;
}

export function productsChart(d: Dashboard, { t }: ChartContext): ChartSpec {
  const spec: ChartSpec = { key: "products", option: null, empty: null, drill: noDrill };
  if (d.products.length === 0) {
    spec.empty = { title: t("insights.empty.chart") };
    return spec;
  }
  // Largest at the top: a horizontal bar chart lists its categories bottom-up.
  const rows = [...d.products].reverse();
  const causes: Cause[] = [];
  for (const r of d.products) for (const c of r.top_causes) if (!causes.includes(c.cause)) causes.push(c.cause);
  const countOf = (r: (typeof rows)[number], cause: Cause) => r.top_causes.find((c) => c.cause === cause)?.count ?? 0;
  const rest = rows.map((r) => r.count - r.top_causes.reduce((a, c) => a + c.count, 0));
  spec.option = {
    grid: { ...hgrid(), top: 30 },
    legend: legend(),
    tooltip: tooltip("axis", (p) => {
      const list = asList(p);
      const r = rows[list[0]?.dataIndex ?? 0];
      if (!r) return "";
      const parts = list
        .filter((x) => Number(x.value) > 0)
        .map((x) => line(x.marker, x.seriesName ?? "", t("insights.tooltip.cases", { n: x.value })));
      const split = `${t("insights.charts.trend.bad")} ${r.bad} · ${t("insights.charts.trend.neutral")} ${r.neutral}`;
      return `<div class="tt-title">${esc(r.product)}</div>${parts.join("")}<div class="tt-sub">${esc(split)}</div>${footer(t)}`;
    }),
    xAxis: hValueAxis(t("insights.charts.products.count"), { minInterval: 1 }),
    yAxis: {
      type: "category",
      data: rows.map((r) => r.product),
      axisLabel: { ...TEXT, formatter: (v: string) => shorten(v, 14) },
      axisTick: { show: false },
    },
    series: [
      ...causes.map((c) => ({
        id: `cause:${c}`,
        name: t(`cause.${c}`),
        type: "bar" as const,
        stack: "product",
        barMaxWidth: 16,
        itemStyle: { color: CAUSE_COLORS[c] },
        data: rows.map((r) => countOf(r, c)),
      })),
      {
        id: "rest",
        name: t("insights.charts.products.otherCauses"),
        type: "bar" as const,
        stack: "product",
        barMaxWidth: 16,
        itemStyle: { color: "#e5e7eb" },
        data: rest,
      },
    ],
  };
  spec.drill = (p) => {
    const r = rows[p.dataIndex];
    if (!r) return null;
    const cause = p.seriesId?.startsWith("cause:") ? (p.seriesId.slice(6) as Cause) : null;
    return cause ? withCause(r.drill, cause) : r.drill;
  };
  return spec;
}

export function alertsChart(d: Dashboard, { t }: ChartContext): ChartSpec {
  const spec: ChartSpec = { key: "alerts", option: null, empty: null, drill: noDrill };
  if (d.alerts.length === 0) {
    spec.empty = { title: t("insights.empty.noAlerts"), hint: t("insights.empty.noAlertsHint") };
    return spec;
  }
  if (d.alerts.every((a) => a.hits === 0)) {
    spec.empty = { title: t("insights.empty.noHits") };
    return spec;
  }
  const rows = [...d.alerts].sort((a, b) => a.hits - b.hits);
  const label = (a: (typeof rows)[number]) =>
    `${a.term}${a.product ? ` · ${shorten(a.product, 8)}` : ""}${a.enabled ? "" : ` ${t("insights.charts.alerts.disabled")}`}`;
  spec.option = {
    grid: hgrid(28),
    tooltip: tooltip("axis", (p) => {
      const list = asList(p);
      const a = rows[list[0]?.dataIndex ?? 0];
      if (!a) return "";
      const scope = a.product || t("insights.charts.alerts.allProducts");
      return `<div class="tt-title">${esc(a.term)}</div><div class="tt-sub">${esc(scope)}</div>${line(list[0]?.marker, t("insights.charts.alerts.hits"), String(a.hits))}${footer(t)}`;
    }),
    xAxis: hValueAxis(t("insights.charts.alerts.hits"), { minInterval: 1 }),
    yAxis: { type: "category", data: rows.map(label), axisLabel: TEXT, axisTick: { show: false } },
    series: [
      {
        id: "hits",
        name: t("insights.charts.alerts.hits"),
        type: "bar",
        barMaxWidth: 16,
        itemStyle: { color: AMBER },
        label: { show: true, position: "right", ...TEXT },
        data: rows.map((a) => a.hits),
      },
    ],
  };
  spec.drill = (p) => rows[p.dataIndex]?.drill ?? null;
  return spec;
}

// -------------------------------------------------------------------------- recovery

/** Recovered ÷ closed over every period up to each one, in basis points (null before the first closing). */
export function cumulativeRate(closed: number[], recovered: number[]): Array<number | null> {
  let c = 0;
  let r = 0;
  return closed.map((n, i) => {
    c += n;
    r += recovered[i] ?? 0;
    return c === 0 ? null : Math.round((r * 10000) / c);
  });
}

export function recoveryTrendChart(d: Dashboard, { t }: ChartContext): ChartSpec {
  const r = d.recovery;
  const spec: ChartSpec = { key: "recoveryTrend", option: null, empty: null, drill: noDrill };
  if (r.overall.closed === 0) {
    spec.empty = { title: t("insights.empty.noClosed"), hint: t("insights.empty.noClosedHint") };
    return spec;
  }
  // A few cases close per day, so a period's own rate jumps between 0 and 100 %; the line
  // shows the rate of everything closed so far in the range, the tooltip both.
  const toDate = cumulativeRate(r.closed, r.recovered);
  spec.option = {
    grid: grid(),
    legend: legend(),
    tooltip: tooltip("axis", (p) => {
      const list = asList(p);
      const i = list[0]?.dataIndex ?? 0;
      const rows = [
        line(list.find((x) => x.seriesId === "closed")?.marker, t("insights.charts.recoveryTrend.closed"), String(r.closed[i])),
        line(list.find((x) => x.seriesId === "recovered")?.marker, t("insights.charts.recoveryTrend.recovered"), String(r.recovered[i])),
        line(undefined, t("insights.charts.recoveryTrend.rate"), pct(r.rate_bp[i])),
        line(list.find((x) => x.seriesId === "rate")?.marker, t("insights.charts.recoveryTrend.toDate"), pct(toDate[i])),
      ];
      return `<div class="tt-title">${esc(periodTitle(r.periods[i]))}</div>${rows.join("")}${footer(t)}`;
    }),
    xAxis: periodAxis(r.periods),
    yAxis: [valueAxis(t("insights.charts.recoveryTrend.count"), { minInterval: 1 }), percentAxis(t("insights.charts.recoveryTrend.toDate"))],
    series: [
      // The recovered bar is drawn over the closed one: the green part of each grey bar.
      { id: "closed", name: t("insights.charts.recoveryTrend.closed"), type: "bar", barMaxWidth: 16, itemStyle: { color: "#cfd5de" }, data: r.closed },
      {
        id: "recovered",
        name: t("insights.charts.recoveryTrend.recovered"),
        type: "bar",
        barMaxWidth: 16,
        barGap: "-100%",
        itemStyle: { color: GREEN },
        data: r.recovered,
      },
      {
        id: "rate",
        name: t("insights.charts.recoveryTrend.toDate"),
        type: "line",
        yAxisIndex: 1,
        connectNulls: true,
        smooth: true,
        symbolSize: 4,
        itemStyle: { color: "#374151" },
        data: toDate.map(percentValue),
      },
    ],
  };
  spec.drill = (p) => {
    const period = r.periods[p.dataIndex];
    if (!period) return null;
    // The closed bar opens every case closed with an outcome; the rest the recovered ones.
    const drill = p.seriesId === "closed" ? { ...r.drill, outcomes: [] } : r.drill;
    return atPeriod(drill, period);
  };
  return spec;
}

export function recoveryCauseChart(d: Dashboard, { t }: ChartContext): ChartSpec {
  const r = d.recovery;
  const spec: ChartSpec = { key: "recoveryCause", option: null, empty: null, drill: noDrill };
  if (r.by_cause.length === 0) {
    spec.empty = { title: t("insights.empty.noClosed"), hint: t("insights.empty.noClosedHint") };
    return spec;
  }
  const rows = [...r.by_cause].reverse();
  spec.option = {
    grid: hgrid(44),
    tooltip: tooltip("axis", (p) => {
      const c = rows[asList(p)[0]?.dataIndex ?? 0];
      if (!c) return "";
      return `<div class="tt-title">${esc(t(`cause.${c.cause}`))}</div>${line(undefined, t("insights.charts.recoveryCause.rate"), pct(c.rate_bp))}${line(undefined, t("insights.charts.recoveryCause.closed"), String(c.closed))}${line(undefined, t("insights.charts.recoveryCause.recovered"), String(c.recovered))}${footer(t)}`;
    }),
    xAxis: hValueAxis(t("insights.charts.recoveryCause.rate"), { min: 0, max: 100, axisLabel: { ...TEXT, formatter: "{value}%" } }),
    yAxis: { type: "category", data: rows.map((c) => t(`cause.${c.cause}`)), axisLabel: TEXT, axisTick: { show: false } },
    series: [
      {
        id: "rate",
        name: t("insights.charts.recoveryCause.rate"),
        type: "bar",
        barMaxWidth: 14,
        label: {
          show: true,
          position: "right",
          ...TEXT,
          formatter: (x: { dataIndex: number }) => {
            const c = rows[x.dataIndex];
            return c ? `${c.recovered}/${c.closed}` : "";
          },
        },
        data: rows.map((c) => ({ value: percentValue(c.rate_bp) ?? 0, itemStyle: { color: CAUSE_COLORS[c.cause] } })),
      },
    ],
  };
  spec.drill = (p) => rows[p.dataIndex]?.drill ?? null;
  return spec;
}

// ---------------------------------------------------------------------- response times

export function responseChart(d: Dashboard, { t }: ChartContext): ChartSpec {
  const r = d.response;
  const spec: ChartSpec = { key: "response", option: null, empty: null, drill: noDrill };
  const missedAny = r.deadlines.missed_by_period.some((n) => n > 0);
  if (r.first_contact.cases === 0 && r.resolution.cases === 0 && !missedAny) {
    spec.empty = { title: t("insights.empty.noContacts"), hint: t("insights.empty.noContactsHint") };
    return spec;
  }
  // Years-old history makes a few medians huge: the axis follows the typical value and
  // cuts the rest at its top (the tooltip keeps the true figure, the axis name says so).
  const scale = durationScale([...r.first_contact.median_by_period, ...r.resolution.median_by_period]);
  const readable = (secs: number | null) => {
    if (secs === null) return "—";
    const d = durationParts(secs);
    return t(`insights.duration.${d.unit}`, { n: d.n });
  };
  const unitName = t(`insights.charts.response.${scale.unit}`);
  const axisName =
    scale.max !== null
      ? t("insights.charts.response.clipped", { unit: unitName, max: scale.max, n: scale.clipped })
      : unitName;
  spec.option = {
    grid: grid(),
    legend: legend(),
    tooltip: tooltip("axis", (p) => {
      const list = asList(p);
      const i = list[0]?.dataIndex ?? 0;
      const m = (id: string) => list.find((x) => x.seriesId === id)?.marker;
      return `<div class="tt-title">${esc(periodTitle(r.periods[i]))}</div>${line(m("first"), t("insights.charts.response.firstContact"), readable(r.first_contact.median_by_period[i] ?? null))}${line(m("resolution"), t("insights.charts.response.resolution"), readable(r.resolution.median_by_period[i] ?? null))}${line(m("missed"), t("insights.charts.response.missed"), String(r.deadlines.missed_by_period[i] ?? 0))}${footer(t)}`;
    }),
    xAxis: periodAxis(r.periods),
    yAxis: [
      valueAxis(axisName, scale.max !== null ? { max: scale.max } : {}),
      // A lone late case should not fill the chart's height.
      rightAxis(t("insights.charts.response.count"), { minInterval: 1, max: (v: { max: number }) => Math.max(v.max, 4) }),
    ],
    series: [
      {
        id: "missed",
        name: t("insights.charts.response.missed"),
        type: "bar",
        yAxisIndex: 1,
        barMaxWidth: 10,
        itemStyle: { color: "#f6c3bf" },
        data: r.deadlines.missed_by_period,
      },
      {
        id: "first",
        name: t("insights.charts.response.firstContact"),
        type: "line",
        connectNulls: true,
        symbolSize: 5,
        itemStyle: { color: BLUE },
        data: r.first_contact.median_by_period.map((v) => scaledValue(v, scale)),
      },
      {
        id: "resolution",
        name: t("insights.charts.response.resolution"),
        type: "line",
        connectNulls: true,
        symbolSize: 5,
        itemStyle: { color: GREEN },
        data: r.resolution.median_by_period.map((v) => scaledValue(v, scale)),
      },
    ],
  };
  spec.drill = (p) => {
    const period = r.periods[p.dataIndex];
    if (!period) return null;
    const drill =
      p.seriesId === "first" ? r.first_contact.drill : p.seriesId === "resolution" ? r.resolution.drill : r.deadlines.drill;
    return atPeriod(drill, period);
  };
  return spec;
}

// ------------------------------------------------------------------------------ spend

/** The spend figures of the currency shown (the main one when the picked one is absent). */
export function spendIn(d: Dashboard, currency: string): CurrencySpend | null {
  return d.spend.currencies.find((c) => c.currency === currency) ?? d.spend.currencies[0] ?? null;
}

export function spendTrendChart(d: Dashboard, { t, currency }: ChartContext): ChartSpec {
  const s = spendIn(d, currency);
  const spec: ChartSpec = { key: "spendTrend", option: null, empty: null, drill: noDrill };
  if (!s || s.spent_cents === 0) {
    spec.empty = { title: t("insights.empty.noSpend"), hint: t("insights.empty.noSpendHint") };
    return spec;
  }
  const money = (cents: number) => formatMoney(cents, s.currency);
  spec.option = {
    grid: grid(TOP_NAME),
    tooltip: {
      ...tooltip("axis", (p) => {
        const x = asList(p)[0];
        const i = x?.dataIndex ?? 0;
        return `<div class="tt-title">${esc(periodTitle(d.spend.periods[i]))}</div>${line(x?.marker, t("insights.charts.spendTrend.amount"), money(s.spent_by_period[i] ?? 0))}`;
      }),
    },
    xAxis: periodAxis(d.spend.periods),
    yAxis: valueAxis(`${t("insights.charts.spendTrend.amount")} (${s.currency})`, {
      axisLabel: { ...TEXT, formatter: (v: number) => String(Math.round(v / 100)) },
    }),
    series: [
      {
        id: `spent:${s.currency}`,
        name: t("insights.charts.spendTrend.amount"),
        type: "bar",
        barMaxWidth: 22,
        itemStyle: { color: RED, opacity: 0.75 },
        data: s.spent_by_period,
      },
    ],
  };
  return spec;
}

export function spendKindChart(d: Dashboard, { t, currency }: ChartContext): ChartSpec {
  const s = spendIn(d, currency);
  const spec: ChartSpec = { key: "spendKind", option: null, empty: null, drill: noDrill };
  if (!s || s.by_kind.length === 0) {
    spec.empty = { title: t("insights.empty.noSpend"), hint: t("insights.empty.noSpendHint") };
    return spec;
  }
  const rows = [...s.by_kind].sort((a, b) => a.cost_cents - b.cost_cents);
  const kindName = (k: RemedyKind) => t(`remedies.kind.${k}`);
  spec.option = {
    grid: hgrid(64),
    tooltip: tooltip("axis", (p) => {
      const x = asList(p)[0];
      const k = rows[x?.dataIndex ?? 0];
      if (!k) return "";
      return `<div class="tt-title">${esc(kindName(k.kind))}</div>${line(x?.marker, formatMoney(k.cost_cents, s.currency), t("insights.charts.spendKind.count", { n: k.count }))}`;
    }),
    xAxis: hValueAxis(s.currency, {
      axisLabel: { ...TEXT, formatter: (v: number) => String(Math.round(v / 100)) },
    }),
    yAxis: { type: "category", data: rows.map((k) => kindName(k.kind)), axisLabel: TEXT, axisTick: { show: false } },
    series: [
      {
        id: "kinds",
        name: t("insights.charts.spendTrend.amount"),
        type: "bar",
        barMaxWidth: 14,
        itemStyle: { color: RED, opacity: 0.75 },
        label: { show: true, position: "right", ...TEXT, formatter: (x: { value: unknown }) => formatMoney(Number(x.value), s.currency) },
        data: rows.map((k) => k.cost_cents),
      },
    ],
  };
  return spec;
}

const BUILDERS: Record<ChartKey, (d: Dashboard, ctx: ChartContext) => ChartSpec> = {
  trend: trendChart,
  causes: causesChart,
  products: productsChart,
  alerts: alertsChart,
  recoveryTrend: recoveryTrendChart,
  recoveryCause: recoveryCauseChart,
  response: responseChart,
  spendTrend: spendTrendChart,
  spendKind: spendKindChart,
};

export function buildCharts(d: Dashboard, ctx: ChartContext): Record<ChartKey, ChartSpec> {
  return Object.fromEntries(CHART_KEYS.map((k) => [k, BUILDERS[k](d, ctx)])) as Record<ChartKey, ChartSpec>;
}
