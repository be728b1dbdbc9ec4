import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { defineComponent, h, ref } from "vue";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { NDialogProvider, NMessageProvider } from "naive-ui";
import type { CaseFilter } from "../bindings";
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
