import { afterEach, describe, expect, it, vi } from "vitest";
import { defineComponent, h } from "vue";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { NMessageProvider } from "naive-ui";
import type { AlertHit } from "../../bindings";
import { i18n } from "../../i18n";

const listeners = new Map<string, (e: { payload: unknown }) => void>();
vi.mock("@tauri-apps/api/event", () => ({
  listen: vi.fn(async (name: string, handler: (e: { payload: unknown }) => void) => {
    listeners.set(name, handler);
    return () => listeners.delete(name);
  }),
}));
import AlertToasts from "./AlertToasts.vue";

const hit = (case_id: number, term: string): AlertHit => ({ case_id, alert_id: 1, term, product: "水壶", excerpt: `${term}了` });

const mounted: VueWrapper[] = [];
afterEach(() => {
  for (const w of mounted.splice(0)) w.unmount();
  document.body.innerHTML = "";
  i18n.global.locale.value = "zh-CN";
});

async function mountToasts() {
  const opened: { caseId: number }[] = [];
  const Host = defineComponent({
    setup: () => () => h(NMessageProvider, null, () => h(AlertToasts, { "onOpenCase": (r: { caseId: number }) => opened.push(r) })),
  });
  const wrapper = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body });
  mounted.push(wrapper);
  await flushPromises();
  return opened;
}

const emitHits = async (hits: AlertHit[]) => {
  listeners.get("triage://alert")?.({ payload: hits });
  await flushPromises();
};

describe("alert toasts", () => {
  it("announce a hit on any screen and open its case", async () => {
    const opened = await mountToasts();
    await emitHits([hit(5, "漏电")]);
    const toast = document.querySelector("[data-testid=alert-toast]");
    expect(toast?.textContent).toContain("新评价命中提醒：漏电");
    const link = document.querySelector<HTMLAnchorElement>("[data-testid=alert-toast-open]");
    expect(link?.textContent).toBe("案例 #5");
    link?.click();
    expect(opened).toEqual([{ caseId: 5 }]);
  });

  it("name every word of several cases once, without a case link", async () => {
    await mountToasts();
    await emitHits([hit(5, "漏电"), hit(6, "起火"), hit(7, "漏电")]);
    expect(document.querySelector("[data-testid=alert-toast]")?.textContent).toContain("漏电、起火");
    expect(document.querySelector("[data-testid=alert-toast-open]")).toBeNull();
  });

  it("stop listening when unmounted", async () => {
    await mountToasts();
    expect(listeners.has("triage://alert")).toBe(true);
    for (const w of mounted.splice(0)) w.unmount();
    expect(listeners.has("triage://alert")).toBe(false);
  });
});
