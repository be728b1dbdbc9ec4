import { afterEach, describe, expect, it } from "vitest";
import { i18n } from "../../i18n";
import { buildCharts, CHART_KEYS, cumulativeRate, type ChartSpec } from "./charts";
import { dashboard, periods } from "./testdata";

const t = (key: string, params?: Record<string, unknown>) => i18n.global.t(key, params ?? {});

function build(lang: "zh-CN" | "en", d = dashboard(), currency = "CNY") {
  i18n.global.locale.value = lang;
  return buildCharts(d, { t, currency });
}

afterEach(() => {
  i18n.global.locale.value = "zh-CN";
});

type Json = Record<string, unknown> & { series?: Array<Record<string, unknown>> };
const opt = (s: ChartSpec) => s.option as unknown as Json;
const series = (s: ChartSpec) => opt(s).series ?? [];
function tooltipOf(s: ChartSpec, params: unknown): string {
  const tt = opt(s).tooltip as { formatter: (p: unknown) => string };
  return tt.formatter(params);
}

describe("every chart of the demo-like dashboard", () => {
  it("has something to draw and a localized title", () => {
    const charts = build("zh-CN");
    for (const k of CHART_KEYS) {
      expect(charts[k].option, k).not.toBeNull();
      expect(charts[k].empty, k).toBeNull();
      expect(t(`insights.charts.${k}.title`)).not.toMatch(/insights\./);
    }
  });
});

describe("the trend", () => {
  it("stacks one bar series per cause and draws the bad-review rate on its own axis", () => {
    const s = build("zh-CN").trend;
    const list = series(s);
    expect(list.map((x) => x.id)).toEqual(["cause:quality", "cause:logistics", "rate"]);
    expect(list.map((x) => x.name)).toEqual(["质量问题", "物流/快递", "差评率"]);
    expect(list[0].stack).toBe("cases");
    expect(list[2].yAxisIndex).toBe(1);
    // Rates arrive in basis points and are drawn in percent; gaps stay gaps.
    expect(list[2].data).toEqual([5, null, 4]);
    const axes = opt(s).yAxis as Array<{ name: string }>;
    expect(axes.map((a) => a.name)).toEqual(["条数", "差评率"]);
    expect((opt(s).xAxis as { data: string[] }).data).toEqual(["11-18", "11-19", "11-20"]);
  });

  it("hides the rate line when nothing was imported", () => {
    const d = dashboard();
    d.trend.rate = { ...d.trend.rate, has_data: false, rate_bp: [null, null, null] };
    expect(series(build("zh-CN", d).trend).map((x) => x.id)).not.toContain("rate");
  });

  it("explains its tooltip in the owner's words", () => {
    const s = build("zh-CN").trend;
    const html = tooltipOf(s, [
      { seriesId: "cause:quality", seriesName: "质量问题", dataIndex: 0, value: 2, marker: "" },
      { seriesId: "cause:logistics", seriesName: "物流/快递", dataIndex: 0, value: 0, marker: "" },
      { seriesId: "rate", seriesName: "差评率", dataIndex: 0, value: 5, marker: "" },
    ]);
    expect(html).toContain("2026-11-18");
    expect(html).toContain("质量问题");
    expect(html).not.toContain("物流/快递"); // nothing of it that day
    expect(html).toContain("5.0%");
    expect(html).toContain("2 / 40 条");
    expect(html).toContain("点击查看案例");
  });

  it("opens the cases of a cause in a period, or all of the period from the rate line", () => {
    const s = build("zh-CN").trend;
    const bar = s.drill({ seriesId: "cause:logistics", dataIndex: 2 });
    expect(bar?.filter.causes).toEqual(["logistics"]);
    expect(bar?.filter.from).toBe(periods[2].start);
    expect(bar?.filter.to).toBe(periods[2].end);
    const line = s.drill({ seriesId: "rate", dataIndex: 0 });
    expect(line?.filter.causes).toEqual([]);
    expect(line?.filter.from).toBe(periods[0].start);
    expect(s.drill({ seriesId: "rate", dataIndex: 9 })).toBeNull();
  });

  it("says what to do when the range has no complaints", () => {
    const d = dashboard();
    d.trend.total = [0, 0, 0];
    const s = build("zh-CN", d).trend;
    expect(s.option).toBeNull();
    expect(s.empty?.title).toBe("这段时间没有差评或中评");
    expect(s.empty?.hint).toMatch(/导入评价.*放宽/);
  });

  it("reads in English", () => {
    const s = build("en").trend;
    expect(series(s).map((x) => x.name)).toEqual([t("cause.quality"), t("cause.logistics"), "Bad-review rate"]);
    expect(t("cause.quality")).not.toBe("质量问题");
    expect((opt(s).yAxis as Array<{ name: string }>)[0].name).toBe("Reviews");
    expect(tooltipOf(s, [{ seriesId: "rate", dataIndex: 2, value: 4 }])).toContain("2 of 50");
  });
});

describe("shares, products and alerts", () => {
  it("slices causes and opens a slice's cases", () => {
    const s = build("zh-CN").causes;
    const data = series(s)[0].data as Array<{ name: string; value: number }>;
    expect(data.map((x) => [x.name, x.value])).toEqual([
      ["质量问题", 3],
      ["物流/快递", 2],
    ]);
    expect(s.drill({ dataIndex: 1 })?.filter.causes).toEqual(["logistics"]);
    expect(tooltipOf(s, { dataIndex: 0, name: "质量问题", marker: "" })).toContain("占 60.0%");
  });

  it("splits each product by its top causes, largest product on top", () => {
    const s = build("zh-CN").products;
    expect((opt(s).yAxis as { data: string[] }).data).toEqual(["保温杯", "电热水壶 <1.7L>"]);
    const byId = Object.fromEntries(series(s).map((x) => [x.id, x.data]));
    expect(byId["cause:quality"]).toEqual([1, 2]);
    expect(byId["cause:logistics"]).toEqual([0, 1]);
    expect(byId.rest).toEqual([1, 0]);
    // A cause's segment opens the product's cases of that cause; the rest the product's.
    const seg = s.drill({ seriesId: "cause:quality", dataIndex: 1 });
    expect(seg?.filter.product).toBe("电热水壶 <1.7L>");
    expect(seg?.filter.causes).toEqual(["quality"]);
    expect(s.drill({ seriesId: "rest", dataIndex: 0 })?.filter.causes).toEqual([]);
    // Product names come from reviews: escaped in the tooltip's HTML.
    expect(tooltipOf(s, [{ dataIndex: 1, value: 2, seriesName: "质量问题" }])).toContain("电热水壶 &lt;1.7L&gt;");
  });

  it("lists alerts by hits and opens an alert's cases in the list", () => {
    const s = build("zh-CN").alerts;
    expect((opt(s).yAxis as { data: string[] }).data).toEqual(["曝光 （已停用）", "漏电"]);
    const d = s.drill({ dataIndex: 1 });
    expect(d?.alert_id).toBe(4);
    expect(d?.inbox_exact).toBe(false);
  });

  it("says how to set up alerts, or that none was hit", () => {
    expect(build("zh-CN", dashboard({ alerts: [] })).alerts.empty?.title).toBe("还没有设置关键词提醒");
    const none = dashboard();
    none.alerts = none.alerts.map((a) => ({ ...a, hits: 0 }));
    expect(build("zh-CN", none).alerts.empty?.title).toBe("这段时间没有评价提到提醒词");
  });
});

describe("recovery and response", () => {
  it("opens every closed case from the closed bar and the recovered ones from the rest", () => {
    const s = build("zh-CN").recoveryTrend;
    const closed = s.drill({ seriesId: "closed", dataIndex: 2 });
    expect(closed?.outcomes).toEqual([]);
    expect(closed?.closed_from).toBe(periods[2].start);
    const rec = s.drill({ seriesId: "recovered", dataIndex: 2 });
    expect(rec?.outcomes).toEqual(["review_revised", "follow_up_positive", "removed_by_platform"]);
    expect(rec?.closed_to).toBe(periods[2].end);
    // The line is the rate so far: 1/1, still 1/1 on a day without closings, then 2/3.
    expect(series(s).find((x) => x.id === "rate")?.data).toEqual([100, 100, 66.67]);
    const html = tooltipOf(s, [{ seriesId: "closed", dataIndex: 2, marker: "" }]);
    expect(html).toMatch(/当期挽回率.*50\.0%/s);
    expect(html).toMatch(/累计挽回率.*66\.7%/s);
  });

  it("starts the rate so far at the first closing", () => {
    expect(cumulativeRate([0, 2, 0, 1], [0, 1, 0, 1])).toEqual([null, 5000, 5000, 6667]);
  });

  it("shows each cause's recovery rate with its counts", () => {
    const s = build("zh-CN").recoveryCause;
    const data = series(s)[0].data as Array<{ value: number }>;
    expect(data.map((x) => x.value)).toEqual([100, 50]);
    expect(tooltipOf(s, [{ dataIndex: 1 }])).toMatch(/质量问题.*50\.0%/s);
    expect(s.drill({ dataIndex: 1 })?.outcomes).toEqual(["review_revised"]);
  });

  it("draws median hours and late first replies, each opening its own cases", () => {
    const s = build("zh-CN").response;
    const byId = Object.fromEntries(series(s).map((x) => [x.id, x.data]));
    expect(byId.first).toEqual([1, null, 2]);
    expect(byId.resolution).toEqual([null, 24, 72]);
    expect(byId.missed).toEqual([1, 0, 1]);
    expect(s.drill({ seriesId: "first", dataIndex: 0 })?.filter.from).toBe(periods[0].start);
    expect(s.drill({ seriesId: "resolution", dataIndex: 1 })?.resolved_from).toBe(periods[1].start);
    const late = s.drill({ seriesId: "missed", dataIndex: 2 });
    expect(late?.first_response_missed).toBe(true);
    expect(late?.filter.to).toBe(periods[2].end);
  });

  it("asks for a first contact when nothing was measured", () => {
    const d = dashboard();
    d.response = {
      ...d.response,
      first_contact: { ...d.response.first_contact, cases: 0 },
      resolution: { ...d.response.resolution, cases: 0 },
      deadlines: { ...d.response.deadlines, missed_by_period: [0, 0, 0] },
    };
    expect(build("zh-CN", d).response.empty?.title).toBe("还没有联系记录");
  });
});

describe("spend", () => {
  it("formats money in the currency shown and opens nothing on click", () => {
    const cny = build("zh-CN").spendTrend;
    expect(series(cny)[0].data).toEqual([2000, 0, 4550]);
    expect(tooltipOf(cny, [{ dataIndex: 2 }])).toContain("¥45.50");
    expect(cny.drill({ dataIndex: 2 })).toBeNull();
    const usd = build("zh-CN", dashboard(), "USD").spendKind;
    expect((opt(usd).yAxis as { data: string[] }).data).toEqual(["部分退款"]);
    expect(tooltipOf(usd, [{ dataIndex: 0 }])).toContain("$10.00");
  });

  it("falls back to the main currency and says when nothing was delivered", () => {
    expect(series(build("zh-CN", dashboard(), "EUR").spendTrend)[0].id).toBe("spent:CNY");
    const d = dashboard();
    d.spend.currencies = [];
    const s = build("en", d).spendKind;
    expect(s.option).toBeNull();
    expect(s.empty?.title).toBe("No remedy delivered in this range");
  });
});
