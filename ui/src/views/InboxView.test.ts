import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { defineComponent, h, ref } from "vue";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { NDialogProvider, NMessageProvider } from "naive-ui";
import type { BulkAction, BulkPreview, BulkRequest, Case, CaseFilter } from "../bindings";
import { i18n } from "../i18n";

vi.mock("../api/ipc", async (orig) => ({ ...(await orig<typeof import("../api/ipc")>()), call: vi.fn() }));
import { call } from "../api/ipc";
import InboxView from "./InboxView.vue";

const mocked = vi.mocked(call);
let filters: CaseFilter[];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  i18n.global.locale.value = "zh-CN";
  filters = [];
  mocked.mockImplementation(async (cmd: string, args?: Record<string, unknown>) => {
    if (cmd === "list_cases") {
      filters.push(JSON.parse(JSON.stringify(args?.filter)) as CaseFilter);
      return { total: 0, items: [] };
    }
    if (cmd === "case_costs") return [];
    throw new Error(`unexpected ${cmd}`);
  });
});

const mounted: VueWrapper[] = [];
afterEach(() => {
  for (const w of mounted.splice(0)) w.unmount();
  vi.useRealTimers();
  document.body.innerHTML = "";
});

type Request = { caseId?: number; filter?: Partial<CaseFilter>; nonce: number } | null;

async function mountInbox(request: Request) {
  const openRequest = ref<Request>(request);
  const Host = defineComponent({
    setup: () => () =>
      h(NMessageProvider, null, () => h(NDialogProvider, null, () => h(InboxView, { openRequest: openRequest.value }))),
  });
  const wrapper = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body });
  mounted.push(wrapper);
  await flushPromises();
  vi.advanceTimersByTime(300);
  await flushPromises();
  return { wrapper, openRequest };
}

const last = () => filters[filters.length - 1];

describe("Inbox opened from another screen", { timeout: 30000 }, () => {
  it("keeps a chart's exact range and product, shows them, and clears them all", async () => {
    const from = "2026-11-19T16:00:00.000Z";
    const to = "2026-11-20T15:59:59.999Z";
    const { wrapper } = await mountInbox({ filter: { causes: ["quality"], product: "保温杯", from, to }, nonce: 1 });
    expect(last()).toMatchObject({ causes: ["quality"], product: "保温杯", from, to });
    expect(wrapper.find("[data-testid=filter-product]").text()).toContain("商品：保温杯");

    // Nothing matches: the empty state offers to clear, and clearing drops every part of the request.
    const clear = wrapper.findAll("button").find((b) => b.text() === "清除筛选");
    expect(clear).toBeDefined();
    await clear!.trigger("click");
    vi.advanceTimersByTime(300);
    await flushPromises();
    expect(last()).toMatchObject({ causes: [], product: null, from: null, to: null });
    expect(wrapper.find("[data-testid=filter-product]").exists()).toBe(false);
  });

  it("closing the product tag widens the list to every product", async () => {
    const { wrapper } = await mountInbox({ filter: { product: "电热水壶" }, nonce: 2 });
    expect(last().product).toBe("电热水壶");
    await wrapper.find("[data-testid=filter-product] .n-tag__close").trigger("click");
    vi.advanceTimersByTime(300);
    await flushPromises();
    expect(last().product).toBeNull();
  });
});

describe("Inbox bulk actions", { timeout: 30000 }, () => {
  const row = (id: number, over: Partial<Case> = {}) =>
    ({
      id,
      platform: "jd",
      product: `商品${id}`,
      buyer_nick: `买家${id}`,
      stars: 1,
      review_text: "漏水了",
      primary_cause: "quality",
      severity: 2,
      status: "new",
      review_time: "2018-03-01T02:00:00Z",
      ...over,
    }) as unknown as Case;
  let runs: BulkRequest[];
  let previews: { selection: CaseFilter; action: BulkAction }[];

  beforeEach(() => {
    runs = [];
    previews = [];
    mocked.mockImplementation(async (cmd: string, args?: Record<string, unknown>) => {
      switch (cmd) {
        case "list_cases":
          filters.push(JSON.parse(JSON.stringify(args?.filter)) as CaseFilter);
          return { total: 3, items: [row(1), row(2), row(3)] };
        case "case_costs":
        case "reply_windows":
          return [];
        case "bulk_preview": {
          const p = args as { selection: CaseFilter; action: BulkAction };
          previews.push(p);
          return {
            action: p.action,
            cases: p.selection.ids.length,
            applies: p.selection.ids.length,
            skipped: [],
            reminders: 0,
            owed: [{ case_id: 2, kind: "promise", ref_id: 5, label: "补发滤芯", due_at: null }],
            owed_total: 1,
            owed_cases: 1,
          } satisfies BulkPreview;
        }
        case "bulk_run": {
          const r = args?.request as BulkRequest;
          runs.push(r);
          return { action: r.action, cases: r.expected, changed: r.expected, skipped: [], reminders_dismissed: 0 };
        }
        case "get_case":
          return null;
        default:
          throw new Error(`unexpected ${cmd}`);
      }
    });
  });

  it("closes the picked cases after a confirmation naming how many and what is still owed", async () => {
    const { wrapper } = await mountInbox(null);
    const pick = (id: number) => wrapper.find(`tr[data-case-id='${id}'] .n-checkbox`).trigger("click");
    await pick(1);
    await pick(2);
    expect(wrapper.find("[data-testid=bulk-picked]").text()).toBe("已选 2 条");
    await wrapper.find("[data-testid=bulk-close-too-old]").trigger("click");
    await flushPromises();
    expect(previews[0].selection.ids).toEqual([1, 2]);
    expect(previews[0].action).toEqual({ kind: "close_too_old" });
    expect(document.querySelector("[data-testid=bulk-count]")?.textContent).toContain("将把 2 条案例按“过旧，不再跟进”关闭");
    expect(document.querySelector("[data-testid=owed-list]")?.textContent).toContain("承诺 · 补发滤芯");
    expect(runs).toHaveLength(0);
    const confirm = document.querySelector("[data-testid=bulk-confirm]") as HTMLElement;
    expect(confirm.textContent).toContain("确认，处理 2 条");
    confirm.click();
    await flushPromises();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ action: { kind: "close_too_old" }, expected: 2, selection: { ids: [1, 2] } });
    // Done: the picks are cleared and the list read again.
    expect(wrapper.find("[data-testid=bulk-bar]").exists()).toBe(false);
  });

  it("offers the import first when there is no case at all", async () => {
    mocked.mockImplementation(async (cmd: string) => {
      if (cmd === "list_cases") return { total: 0, items: [] };
      if (cmd === "case_costs" || cmd === "reply_windows") return [];
      throw new Error(`unexpected ${cmd}`);
    });
    const { wrapper } = await mountInbox(null);
    const first = wrapper.find(".n-empty button");
    expect(first.text()).toBe("导入差评");
    await wrapper.find("[data-testid=inbox-import]").trigger("click");
    expect(wrapper.findComponent(InboxView).emitted("open-view")).toEqual([["intake"]]);
  });
});
