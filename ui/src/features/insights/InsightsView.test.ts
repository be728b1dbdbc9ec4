import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { defineComponent, h } from "vue";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { NMessageProvider } from "naive-ui";
import type { Case, CaseDrill, CaseExport, Dashboard, FilterOptions, InsightsQuery, ReportRequest } from "../../bindings";
import { i18n } from "../../i18n";
import { dashboard, options, periods } from "./testdata";
import { beijingToday, lastDays } from "./logic";

// A canvas-free stand-in for ECharts: records what each chart was given and lets a test
// click one of its elements.
interface FakeChart {
  option: unknown;
  click?: (p: unknown) => void;
  disposed: boolean;
  resized: number;
}
const fake = vi.hoisted(() => ({ charts: [] as FakeChart[] }));
vi.mock("./echarts", () => ({
  echarts: {
    init: () => {
      const c: FakeChart = { option: null, disposed: false, resized: 0 };
      fake.charts.push(c);
      return {
        setOption: (o: unknown) => (c.option = o),
        on: (_: string, fn: (p: unknown) => void) => (c.click = fn),
        resize: () => c.resized++,
        dispose: () => (c.disposed = true),
      };
    },
  },
}));
vi.mock("../../api/ipc", async (orig) => ({ ...(await orig<typeof import("../../api/ipc")>()), call: vi.fn() }));
import { call } from "../../api/ipc";
import InsightsView from "./InsightsView.vue";

const mocked = vi.mocked(call);
let queries: InsightsQuery[];
let drills: CaseDrill[];
let opts: FilterOptions;
let dash: Dashboard;

const someCase = { id: 77, platform: "jd", product: "保温杯", stars: 1, review_text: "漏电了", primary_cause: "quality", status: "new", review_time: "2026-11-20T02:00:00Z" } as unknown as Case;

beforeEach(() => {
  i18n.global.locale.value = "zh-CN";
  fake.charts = [];
  queries = [];
  drills = [];
  opts = options;
  dash = dashboard();
  mocked.mockReset();
  mocked.mockImplementation(async (cmd: string, args?: Record<string, unknown>) => {
    if (cmd === "insights_filter_options") return opts;
    if (cmd === "insights_dashboard") {
      queries.push(args?.query as InsightsQuery);
      return dash;
    }
    if (cmd === "insights_drill") {
      drills.push(args?.drill as CaseDrill);
      return { total: 1, items: [someCase] };
    }
    if (cmd === "write_insights_report") return { path: String(args?.path ?? "/tmp/x"), format: args?.format, opened: false };
    if (cmd === "export_insights_cases") return { path: String(args?.path ?? "/tmp/x"), summary: { format: args?.format, rows: 5, personal_data: false } };
    throw new Error(`unexpected ${cmd}`);
  });
});

afterEach(() => {
  document.body.innerHTML = "";
});

async function mountView() {
  const Host = defineComponent({ setup: () => () => h(NMessageProvider, null, () => h(InsightsView)) });
  const w = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body });
  await flushPromises();
  return { w, view: () => w.findComponent(InsightsView) as VueWrapper };
}

const chartOf = (w: VueWrapper, key: string) => {
  const keys = w.findAll("[data-testid^=chart-]").filter((c) => c.attributes("data-empty") !== undefined);
  const i = keys.findIndex((c) => c.attributes("data-testid") === `chart-${key}`);
  return fake.charts[i];
};

describe("insights dashboard", () => {
  it("asks for the last 30 days by day and fills every tile and chart", async () => {
    const { w } = await mountView();
    expect(queries[0]).toEqual({ ...lastDays(30, new Date()), platforms: [], shops: [], products: [], granularity: "day" });
    const tile = (k: string) => w.find(`[data-testid=tile-${k}] [data-testid=tile-value]`).text();
    expect(tile("volume")).toBe("5");
    expect(tile("bad-rate")).toBe("4.4%");
    expect(tile("recovery")).toBe("66.7%");
    expect(tile("first-contact")).toBe("1.5 小时");
    expect(tile("resolution")).toBe("2.0 天");
    expect(tile("missed")).toBe("2");
    expect(tile("spent")).toBe("¥65.50");
    expect(tile("per-recovered")).toBe("¥30.00");
    expect(w.findAll("[data-testid=chart-canvas]")).toHaveLength(9);
    expect(fake.charts).toHaveLength(9);
    expect(fake.charts.every((c) => c.option !== null)).toBe(true);
    expect(w.findAll("[data-testid=chart-title]").map((x) => x.text())).toContain("差评与中评走势");
  });

  it("opens the inbox on a bar's cause and period", async () => {
    const { w, view } = await mountView();
    chartOf(w, "trend").click?.({ componentType: "series", seriesId: "cause:quality", dataIndex: 2 });
    const [[req]] = view().emitted("open-case") as [[{ filter: Record<string, unknown> }]];
    expect(req.filter.causes).toEqual(["quality"]);
    expect(req.filter.from).toBe(periods[2].start);
    expect(req.filter.to).toBe(periods[2].end);
    expect(req.filter).not.toHaveProperty("limit");
  });

  it("lists an alert's cases beside the charts; a row opens its case", async () => {
    const { w, view } = await mountView();
    chartOf(w, "alerts").click?.({ componentType: "series", seriesId: "hits", dataIndex: 1 });
    await flushPromises();
    expect(drills[0].alert_id).toBe(4);
    expect(drills[0].filter.limit).toBe(200);
    expect(view().emitted("open-case")).toBeUndefined();
    const row = document.querySelector("[data-testid=drill-table] tr[data-case-id='77']") as HTMLElement;
    expect(document.querySelector("[data-testid=drill-total]")?.textContent).toBe("共 1 个案例");
    row.click();
    await flushPromises();
    expect(view().emitted("open-case")).toEqual([[{ caseId: 77 }]]);
  });

  it("switches to 90 days by week with the 3 key, and back with the buttons", async () => {
    const { w } = await mountView();
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "3" }));
    await new Promise((r) => setTimeout(r, 200));
    await flushPromises();
    const last = queries[queries.length - 1];
    expect(last.from).toBe(lastDays(90, new Date()).from);
    expect(last.granularity).toBe("week");
    await w.find("[data-preset=last7] input").setValue(true);
    await new Promise((r) => setTimeout(r, 200));
    await flushPromises();
    expect(queries[queries.length - 1].from).toBe(lastDays(7, new Date()).from);
    expect(queries[queries.length - 1].granularity).toBe("day");
  });

  it("disposes its charts when the screen goes away", async () => {
    const { w } = await mountView();
    w.unmount();
    expect(fake.charts.every((c) => c.disposed)).toBe(true);
  });

  it("says what to do before there is any case", async () => {
    opts = { ...options, first_day: null, last_day: null };
    dash = dashboard();
    dash.trend.total = [0, 0, 0];
    const { w } = await mountView();
    expect(w.find("[data-testid=insights-first-run]").text()).toContain("加载示例店铺");
  });

  it("suggests a wider range when this one has no complaints", async () => {
    opts = { ...options, last_day: beijingToday(new Date()) };
    dash = dashboard();
    dash.trend.total = [0, 0, 0];
    const { w } = await mountView();
    expect(w.find("[data-testid=insights-none-in-range]").text()).toContain("导入评价，或把时间范围放宽一些");
    expect(w.find("[data-testid=chart-trend] [data-testid=chart-empty]").exists()).toBe(true);
  });

  it("says where the cases are when the range holds none, and shows that period by month", async () => {
    opts = { ...options, first_day: "2017-10-21", last_day: "2019-02-03" };
    dash = dashboard();
    dash.trend.total = [0, 0, 0];
    const { w } = await mountView();
    expect(w.find("[data-testid=insights-none-in-range]").text()).toContain("你的案例在 2017-10-21 至 2019-02-03 之间");
    await w.find("[data-testid=show-span]").trigger("click");
    await new Promise((r) => setTimeout(r, 200));
    await flushPromises();
    const last = queries[queries.length - 1];
    expect([last.from, last.to, last.granularity]).toEqual(["2017-10-21", "2019-02-03", "month"]);
  });

  it("shows all time from the first case to today with the 4 key", async () => {
    opts = { ...options, first_day: "2017-10-21", last_day: "2019-02-03" };
    await mountView();
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "4" }));
    await new Promise((r) => setTimeout(r, 200));
    await flushPromises();
    const last = queries[queries.length - 1];
    expect([last.from, last.to, last.granularity]).toEqual(["2017-10-21", beijingToday(new Date()), "month"]);
  });

  it("writes the weekly report in English as a printable page to a typed path", async () => {
    const { w } = await mountView();
    await w.find("[data-testid=open-report]").trigger("click");
    await flushPromises();
    const dialog = () => document.querySelector("[data-testid=report-dialog]") as HTMLElement;
    (dialog().querySelector("[data-kind=week] input") as HTMLInputElement).click();
    (dialog().querySelector("[data-lang=en] input") as HTMLInputElement).click();
    (dialog().querySelector("[data-format=html] input") as HTMLInputElement).click();
    await flushPromises();
    const input = dialog().querySelector("[data-testid=report-path] input") as HTMLInputElement;
    input.value = "/tmp/weekly.html";
    input.dispatchEvent(new Event("input"));
    await flushPromises();
    expect(dialog().querySelector("[data-testid=report-covers]")?.textContent).toMatch(/覆盖 \d{4}-\d{2}-\d{2} 至/);
    (dialog().querySelector("[data-testid=report-save]") as HTMLElement).click();
    await flushPromises();
    const sent = mocked.mock.calls.find(([cmd]) => cmd === "write_insights_report")?.[1] as {
      request: ReportRequest;
      format: string;
      path: string;
      open: boolean;
    };
    expect(sent.format).toBe("html");
    expect(sent.path).toBe("/tmp/weekly.html");
    expect(sent.open).toBe(true);
    expect(sent.request.lang).toBe("en");
    const days = (Date.parse(sent.request.to) - Date.parse(sent.request.from)) / 86_400_000;
    expect(days).toBe(6);
    expect(new Date(`${sent.request.from}T00:00:00Z`).getUTCDay()).toBe(1); // a Monday
    expect(dialog().querySelector("[data-testid=report-saved]")?.textContent).toContain("/tmp/weekly.html");
  });

  it("exports with personal data masked unless the box is ticked", async () => {
    const { w } = await mountView();
    await w.find("[data-testid=open-export]").trigger("click");
    await new Promise((r) => setTimeout(r, 250));
    await flushPromises();
    const dialog = () => document.querySelector("[data-testid=export-dialog]") as HTMLElement;
    expect(dialog().querySelector("[data-testid=export-matching]")?.textContent).toBe("符合条件：1 个案例");
    const save = () => (dialog().querySelector("[data-testid=export-save]") as HTMLElement).click();
    save();
    await flushPromises();
    const sent = () =>
      mocked.mock.calls.filter(([cmd]) => cmd === "export_insights_cases").map(([, a]) => a as { export: CaseExport; path: string | null });
    expect(sent()[0].export.include_personal_data).toBe(false);
    expect(sent()[0].path).toBeNull();
    // The dashboard's range is the export's review-time range, in Beijing days.
    expect(sent()[0].export.selection.filter.from).toBe(new Date(`${lastDays(30, new Date()).from}T00:00:00+08:00`).toISOString());
    (dialog().querySelector("[data-testid=export-personal]") as HTMLElement).click();
    await flushPromises();
    expect(dialog().querySelector("[data-testid=export-personal-warning]")).not.toBeNull();
    save();
    await flushPromises();
    expect(sent()[1].export.include_personal_data).toBe(true);
  });
});
