import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { defineComponent, h } from "vue";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { NMessageProvider } from "naive-ui";
import type { UpdateStatus } from "../../bindings";
import { i18n } from "../../i18n";

const listeners = new Map<string, (e: { payload: unknown }) => void>();
vi.mock("@tauri-apps/api/event", () => ({
  listen: vi.fn(async (name: string, handler: (e: { payload: unknown }) => void) => {
    listeners.set(name, handler);
    return () => listeners.delete(name);
  }),
}));
vi.mock("../../api/ipc", async (orig) => ({ ...(await orig<typeof import("../../api/ipc")>()), call: vi.fn() }));
import { call } from "../../api/ipc";
import UpdateNotice from "./UpdateNotice.vue";

const newer = { version: "0.2.0", notes: "- 自动更新", published: "2026-12-01T08:00:00Z" };
let status: UpdateStatus;

beforeEach(() => {
  i18n.global.locale.value = "zh-CN";
  status = { current_version: "0.1.0", configured: true, prefs: { auto_check: true, last_check: null }, available: null };
  vi.mocked(call).mockImplementation(async (cmd: string) => {
    if (cmd === "update_status") return status;
    throw new Error(`unexpected ${cmd}`);
  });
});

const mounted: VueWrapper[] = [];
afterEach(() => {
  for (const w of mounted.splice(0)) w.unmount();
  listeners.clear();
  document.body.innerHTML = "";
});

describe("update notice", () => {
  async function mountNotice() {
    const opened: string[] = [];
    const Host = defineComponent({
      setup: () => () => h(NMessageProvider, null, () => h(UpdateNotice, { onOpenView: (v: string) => opened.push(v) })),
    });
    mounted.push(mount(Host, { global: { plugins: [i18n] }, attachTo: document.body }));
    await flushPromises();
    return opened;
  }

  it("mentions a new version once, with a link to Settings", async () => {
    const opened = await mountNotice();
    listeners.get("update://available")?.({ payload: newer });
    listeners.get("update://available")?.({ payload: newer });
    await flushPromises();
    const notices = document.querySelectorAll("[data-testid=update-notice]");
    expect(notices).toHaveLength(1);
    expect(notices[0].textContent).toContain("好评有新版本 0.2.0");
    document.querySelector<HTMLAnchorElement>("[data-testid=update-notice-open]")?.click();
    expect(opened).toEqual(["settings"]);
  });

  it("also mentions one found before the window listened", async () => {
    status = { ...status, available: newer };
    await mountNotice();
    expect(document.querySelector("[data-testid=update-notice]")?.textContent).toContain("0.2.0");
  });
});
