import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { defineComponent, h } from "vue";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { NDialogProvider, NMessageProvider, NSelect } from "naive-ui";
import type { AlertUsage, OwnerKeyword, RetriageOutcome, RetriageState } from "../../bindings";
import { i18n } from "../../i18n";

vi.mock("../../api/ipc", async (orig) => ({ ...(await orig<typeof import("../../api/ipc")>()), call: vi.fn() }));
const listeners = new Map<string, (e: { payload: unknown }) => void>();
vi.mock("@tauri-apps/api/event", () => ({
  listen: vi.fn(async (name: string, handler: (e: { payload: unknown }) => void) => {
    listeners.set(name, handler);
    return () => listeners.delete(name);
  }),
}));
import { call, IpcError } from "../../api/ipc";
import KeywordsView from "./KeywordsView.vue";
import { resetRetriage } from "./retriage";

const mocked = vi.mocked(call);
let calls: { cmd: string; args: Record<string, unknown> | undefined }[];
let keywords: OwnerKeyword[];
let alerts: AlertUsage[];
let status: RetriageState;
let nextId: number;

function usage(a: Partial<AlertUsage> & { id: number; term: string }): AlertUsage {
  return { product: "", enabled: true, hits: 0, last_hit: null, last_case_id: null, ...a };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "setTimeout", "clearTimeout"] });
  i18n.global.locale.value = "zh-CN";
  resetRetriage();
  listeners.clear();
  calls = [];
  keywords = [];
  alerts = [];
  nextId = 100;
  status = { running: false, progress: null, last: null };
  mocked.mockReset();
  mocked.mockImplementation(async (cmd: string, args?: Record<string, unknown>) => {
    calls.push({ cmd, args });
    switch (cmd) {
      case "list_triage_keywords":
        return keywords;
      case "list_triage_alerts":
        return alerts;
      case "get_triage_config":
        return { high_value_cents: 50_000 };
      case "save_triage_config": {
        const c = args?.config as { high_value_cents: number };
        if (c.high_value_cents < 0) throw new IpcError({ code: "validation.negative", message: "x", field: "high_value_cents" });
        return c;
      }
      case "retriage_status":
        return status;
      case "add_triage_keyword": {
        const k = args?.keyword as { cause: OwnerKeyword["cause"] | null; term: string; product: string };
        if (!k.cause) throw new IpcError({ code: "validation.required", message: "x", field: "cause" });
        if (!k.term.trim()) throw new IpcError({ code: "validation.required", message: "x", field: "term" });
        if (keywords.some((x) => x.cause === k.cause && x.term === k.term.trim() && x.product === k.product.trim())) {
          throw new IpcError({ code: "validation.duplicate_keyword", message: "x", field: "term" });
        }
        const added = { id: nextId++, cause: k.cause, term: k.term.trim(), product: k.product.trim() };
        keywords = [...keywords, added];
        return added;
      }
      case "remove_triage_keyword":
        keywords = keywords.filter((k) => k.id !== args?.id);
        return null;
      case "add_triage_alert": {
        const a = args?.alert as { term: string; product: string };
        if (alerts.some((x) => x.term === a.term.trim() && x.product === a.product.trim())) {
          throw new IpcError({ code: "validation.duplicate_alert", message: "x", field: "term" });
        }
        const added = usage({ id: nextId++, term: a.term.trim(), product: a.product.trim() });
        alerts = [...alerts, added];
        return { id: added.id, term: added.term, product: added.product, enabled: true };
      }
      case "set_triage_alert_enabled":
        alerts = alerts.map((a) => (a.id === args?.id ? { ...a, enabled: args?.enabled as boolean } : a));
        return alerts.find((a) => a.id === args?.id);
      case "remove_triage_alert":
        alerts = alerts.filter((a) => a.id !== args?.id);
        return null;
      case "start_retriage":
        return null;
      case "cancel_retriage":
        return true;
      default:
        throw new Error(`unexpected ${cmd}`);
    }
  });
});

let mounted: VueWrapper | null = null;
afterEach(() => {
  // Unmounting removes the screen's window key listener.
  mounted?.unmount();
  mounted = null;
  vi.useRealTimers();
  document.body.innerHTML = "";
});

async function mountView(): Promise<VueWrapper> {
  const Host = defineComponent({
    setup: () => () => h(NMessageProvider, null, () => h(NDialogProvider, null, () => h(KeywordsView))),
  });
  const w = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body });
  mounted = w;
  await flushPromises();
  return w;
}

const emit = (name: string, payload: unknown) => listeners.get(name)?.({ payload });
const enter = async (w: VueWrapper, css: string, text: string) => {
  const input = w.find(`${css} input`);
  await input.setValue(text);
  await input.trigger("keydown", { key: "Enter" });
  await flushPromises();
};
const called = (cmd: string) => calls.filter((c) => c.cmd === cmd);

describe("keywords & alerts screen", () => {
  it("says what to do when there is nothing yet", async () => {
    const w = await mountView();
    expect(w.find("[data-testid=keyword-empty]").text()).toContain("还没有自定义关键词");
    expect(w.find("[data-testid=keyword-empty]").text()).toContain("回车添加");
    expect(w.find("[data-testid=alert-empty]").text()).toContain("还没有关键词提醒");
    expect(w.find("[data-testid=triage-shortcuts]").text()).toContain("回车添加");
    expect(w.find("[data-testid=retriage-stale]").exists()).toBe(false);
    expect((w.find("[data-testid=high-value] input").element as HTMLInputElement).value).toBe("500");
  });

  it("adds an alert with Enter, lists it, and suggests relabelling", async () => {
    const w = await mountView();
    await enter(w, "[data-testid=alert-term]", " 漏电 ");
    expect(called("add_triage_alert")[0].args).toEqual({ alert: { term: " 漏电 ", product: "" } });
    expect(w.findAll("[data-testid=alert-table] tr[data-alert-id]").map((r) => r.attributes("data-term"))).toEqual(["漏电"]);
    expect(w.find("[data-testid=alert-total]").text()).toBe("共 1 个");
    expect((w.find("[data-testid=alert-term] input").element as HTMLInputElement).value).toBe("");
    expect(w.find("[data-testid=retriage-stale]").text()).toContain("关键词有改动");

    // The same word again: the error says so, next to the form.
    await enter(w, "[data-testid=alert-term]", "漏电");
    expect(w.find("[data-testid=alert-error]").text()).toBe("已经有这个提醒词了");
  });

  it("a keyword needs a cause, then is added for one product", async () => {
    const w = await mountView();
    await w.find("[data-testid=keyword-product] input").setValue("水壶");
    await enter(w, "[data-testid=keyword-term]", "壶嘴歪");
    expect(w.find("[data-testid=keyword-error]").text()).toBe("请选择归因");
    expect(keywords).toEqual([]);

    // Pick 质量问题 in the cause select.
    const select = w.findAllComponents(NSelect).find((c) => c.attributes("data-testid") === "keyword-cause");
    select!.vm.$emit("update:value", "quality");
    await flushPromises();
    await w.find("[data-testid=keyword-add]").trigger("click");
    await flushPromises();
    expect(keywords).toEqual([{ id: 100, cause: "quality", term: "壶嘴歪", product: "水壶" }]);
    const row = w.find("[data-testid=keyword-table] tr[data-term=壶嘴歪]");
    expect(row.text()).toContain("质量问题");
    expect(row.text()).toContain("水壶");
    expect(w.find("[data-testid=keyword-error]").exists()).toBe(false);
    expect(w.find("[data-testid=retriage-stale]").exists()).toBe(true);
  });

  it("filters and sorts the alert list, shows hits and opens cases", async () => {
    alerts = [
      usage({ id: 1, term: "漏电", hits: 3, last_hit: "2026-11-20 04:00:00+00:00", last_case_id: 9 }),
      usage({ id: 2, term: "起火", enabled: false }),
      usage({ id: 3, term: "过敏", product: "面霜", hits: 1, last_hit: "2026-11-21 04:00:00+00:00", last_case_id: 12 }),
    ];
    const w = await mountView();
    const terms = () => w.findAll("[data-testid=alert-table] tr[data-alert-id]").map((r) => r.attributes("data-term"));
    expect(terms()).toEqual(["漏电", "起火", "过敏"]);
    const hits = w.find("tr[data-term=漏电] [data-testid=alert-hits]");
    expect(hits.text()).toContain("3");
    expect(w.find("tr[data-term=起火]").text()).toContain("还没有");

    // Sort by hits (the header cycles most first, fewest first, unsorted).
    const header = w.findAll("th").find((th) => th.text().includes("命中案例"));
    await header!.trigger("click");
    await flushPromises();
    expect(terms()).toEqual(["漏电", "过敏", "起火"]);
    await header!.trigger("click");
    await flushPromises();
    expect(terms()).toEqual(["起火", "过敏", "漏电"]);
    await header!.trigger("click");
    await flushPromises();
    expect(terms()).toEqual(["漏电", "起火", "过敏"]);

    await w.find("[data-testid=alert-filter] input").setValue("面霜");
    await flushPromises();
    expect(terms()).toEqual(["过敏"]);
    await w.find("[data-testid=alert-filter] input").setValue("没有这个");
    await flushPromises();
    expect(w.find("[data-testid=alert-empty-filtered]").exists()).toBe(true);
    await w.find("[data-testid=alert-empty-filtered] button").trigger("click");
    await flushPromises();
    expect(terms()).toHaveLength(3);

    const view = w.findComponent(KeywordsView);
    await w.find("tr[data-term=漏电] [data-testid=alert-last-case]").trigger("click");
    await w.find("tr[data-term=漏电] [data-testid=alert-view]").trigger("click");
    expect(view.emitted("open-case")).toEqual([[{ caseId: 9 }], [{ filter: { query: "漏电" } }]]);
  });

  it("switches an alert off and on", async () => {
    alerts = [usage({ id: 1, term: "漏电" })];
    const w = await mountView();
    await w.find("tr[data-term=漏电] [data-testid=alert-enabled]").trigger("click");
    await flushPromises();
    expect(called("set_triage_alert_enabled")[0].args).toEqual({ id: 1, enabled: false });
    expect(w.find("tr[data-term=漏电]").attributes("data-enabled")).toBe("false");
  });

  it("new hits notified on the desktop refresh the counts", async () => {
    alerts = [usage({ id: 1, term: "漏电" })];
    const w = await mountView();
    alerts = [usage({ id: 1, term: "漏电", hits: 1, last_hit: "2026-11-20 04:00:00+00:00", last_case_id: 5 })];
    emit("triage://alert", [{ case_id: 5, alert_id: 1, term: "漏电", product: "水壶", excerpt: "漏电了" }]);
    await flushPromises();
    expect(w.find("tr[data-term=漏电] [data-testid=alert-last-case]").text()).toBe("案例 #5");
  });

  it("relabels in the background with progress, Esc to cancel, and the result", async () => {
    const w = await mountView();
    await w.find("[data-testid=retriage-start]").trigger("click");
    await flushPromises();
    expect(called("start_retriage")).toHaveLength(1);
    expect(w.find("[data-testid=retriage-progress]").text()).toContain("正在准备");
    emit("triage://progress", { done: 250_000, total: 1_000_000 });
    await flushPromises();
    expect(w.find("[data-testid=retriage-progress]").text()).toContain("250,000 / 1,000,000 条");
    expect(w.find("[data-testid=retriage-progress]").text()).toContain("25%");

    window.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape" }));
    await flushPromises();
    expect(called("cancel_retriage")).toHaveLength(1);
    expect(w.find("[data-testid=retriage-cancel]").text()).toContain("正在停止");

    const outcome: RetriageOutcome = {
      summary: { total: 1_000_000, processed: 255_000, changed: 1200, locked: 3, new_alert_hits: 0, cancelled: true },
      error: null,
      finished_at: "2026-11-20 04:00:00+00:00",
    };
    emit("triage://done", outcome);
    await flushPromises();
    expect(w.find("[data-testid=retriage-progress]").exists()).toBe(false);
    const result = w.find("[data-testid=retriage-result]").text();
    expect(result).toContain("已取消：处理了 255,000 / 1,000,000 条");
    expect(result).toContain("3 条你改过标签的案例保持不变");

    // A complete run clears the suggestion to relabel.
    await enter(w, "[data-testid=alert-term]", "起火");
    expect(w.find("[data-testid=retriage-stale]").exists()).toBe(true);
    await w.find("[data-testid=retriage-stale-start]").trigger("click");
    await flushPromises();
    emit("triage://done", {
      summary: { total: 2, processed: 2, changed: 1, locked: 0, new_alert_hits: 1, cancelled: false },
      error: null,
      finished_at: "2026-11-20 04:00:00+00:00",
    });
    await flushPromises();
    expect(w.find("[data-testid=retriage-result]").text()).toContain("重新分类完成：看了 2 条案例，1 条有更新。");
    expect(w.find("[data-testid=retriage-result]").text()).toContain("新命中提醒 1 条");
    expect(w.find("[data-testid=retriage-stale]").exists()).toBe(false);
  });

  it("picks up a run started before the screen opened, and words a failed one", async () => {
    status = { running: true, progress: { done: 10, total: 40 }, last: null };
    const w = await mountView();
    expect(w.find("[data-testid=retriage-progress]").text()).toContain("10 / 40 条");
    emit("triage://done", {
      summary: null,
      error: { code: "triage.db_busy", message: "busy" },
      finished_at: "2026-11-20 04:00:00+00:00",
    });
    await flushPromises();
    expect(w.find("[data-testid=retriage-result]").text()).toContain("重新分类没有完成：数据库正忙");
  });

  it("refuses a second start with the busy error, in English too", async () => {
    i18n.global.locale.value = "en";
    const w = await mountView();
    expect(w.find("[data-testid=triage-screen]").text()).toContain("Keywords & alerts");
    expect(w.find("[data-testid=alert-total]").text()).toBe("0 alerts");
    const base = mocked.getMockImplementation()!;
    mocked.mockImplementation(async (cmd: string, args?: Record<string, unknown>) => {
      if (cmd === "start_retriage") throw new IpcError({ code: "triage.busy", message: "x", field: "retriage" });
      return base(cmd, args);
    });
    await w.find("[data-testid=retriage-start]").trigger("click");
    await flushPromises();
    expect(w.find("[data-testid=retriage-result]").text()).toContain("Cases are already being relabelled");
  });

  it("saves the high-value threshold in fen and suggests relabelling", async () => {
    const w = await mountView();
    const input = w.find("[data-testid=high-value] input");
    await input.setValue("800");
    await input.trigger("blur");
    await flushPromises();
    await w.find("[data-testid=high-value-save]").trigger("click");
    await flushPromises();
    expect(called("save_triage_config")[0].args).toEqual({ config: { high_value_cents: 80_000 } });
    expect(w.find("[data-testid=retriage-stale]").exists()).toBe(true);
  });
});
