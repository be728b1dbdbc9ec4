import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { defineComponent, h } from "vue";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { NMessageProvider } from "naive-ui";
import type { UpdateCheck, UpdateStatus } from "../../bindings";
import { i18n } from "../../i18n";

const listeners = new Map<string, (e: { payload: unknown }) => void>();
vi.mock("@tauri-apps/api/event", () => ({
  listen: vi.fn(async (name: string, handler: (e: { payload: unknown }) => void) => {
    listeners.set(name, handler);
    return () => listeners.delete(name);
  }),
}));
vi.mock("../../api/ipc", async (orig) => ({ ...(await orig<typeof import("../../api/ipc")>()), call: vi.fn() }));
import { call, IpcError } from "../../api/ipc";
import AboutCard from "./AboutCard.vue";

const mocked = vi.mocked(call);
let calls: { cmd: string; args: Record<string, unknown> | undefined }[];
let status: UpdateStatus;
let checkAnswer: UpdateCheck | IpcError;
let installAnswer: IpcError | null;

const newer = {
  version: "0.2.0",
  notes: "### 新功能\n- **自动更新**：设置 → 关于\n- 修复导入卡住",
  published: "2026-12-01T08:00:00Z",
};

beforeEach(() => {
  i18n.global.locale.value = "zh-CN";
  calls = [];
  status = {
    current_version: "0.1.0",
    configured: true,
    prefs: { auto_check: true, last_check: null },
    available: null,
  };
  checkAnswer = { current_version: "0.1.0", available: newer, checked_at: "2026-12-02T01:00:00Z" };
  installAnswer = null;
  mocked.mockImplementation(async (cmd: string, args?: Record<string, unknown>) => {
    calls.push({ cmd, args });
    switch (cmd) {
      case "update_status":
        return status;
      case "check_for_update":
        if (checkAnswer instanceof IpcError) throw checkAnswer;
        return checkAnswer;
      case "install_update":
        if (installAnswer) throw installAnswer;
        return null;
      case "set_update_auto_check":
        status = { ...status, prefs: { ...status.prefs, auto_check: args?.enabled as boolean } };
        return status.prefs;
      default:
        throw new Error(`unexpected ${cmd}`);
    }
  });
});

const mounted: VueWrapper[] = [];
afterEach(() => {
  for (const w of mounted.splice(0)) w.unmount();
  listeners.clear();
  document.body.innerHTML = "";
});

async function mountCard() {
  const Host = defineComponent({ setup: () => () => h(NMessageProvider, null, () => h(AboutCard)) });
  const w = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body });
  mounted.push(w);
  await flushPromises();
  return w;
}

async function click(w: VueWrapper, id: string) {
  await w.find(`[data-testid=${id}]`).trigger("click");
  await flushPromises();
}

describe("Settings → About", () => {
  it("shows the version and finds a newer one with its notes", async () => {
    const w = await mountCard();
    expect(w.find("[data-testid=about-version]").text()).toBe("版本 0.1.0");
    expect(w.text()).toContain("还没有检查过更新");
    expect(w.find("[data-testid=update-available]").exists()).toBe(false);
    await click(w, "update-check");
    expect(w.find("[data-testid=update-version]").text()).toBe("新版本 0.2.0");
    const notes = w.find("[data-testid=update-notes]").text();
    expect(notes).toContain("• 自动更新：设置 → 关于");
    expect(notes).not.toContain("**");
    expect(w.text()).toContain("安装前会先备份数据库");
    expect(w.find("[data-testid=update-checked-at]").text()).toMatch(/^上次检查：2026/);
  });

  it("says so when this is the newest version, in English too", async () => {
    checkAnswer = { current_version: "0.1.0", available: null, checked_at: "2026-12-02T01:00:00Z" };
    i18n.global.locale.value = "en";
    const w = await mountCard();
    await click(w, "update-check");
    expect(w.find("[data-testid=update-up-to-date]").text()).toBe("You have the newest version");
    expect(w.find("[data-testid=update-available]").exists()).toBe(false);
  });

  it("explains a refused signature in words and keeps the technical detail below", async () => {
    installAnswer = new IpcError({ code: "update.bad_signature", message: "The signature verification failed" });
    const w = await mountCard();
    await click(w, "update-check");
    await click(w, "update-install");
    expect(calls.map((c) => c.cmd)).toContain("install_update");
    const error = w.find("[data-testid=update-error]").text();
    expect(error).toContain("更新包的签名校验没有通过，已拒绝安装，这台电脑上什么都没有改动");
    expect(error).toContain("The signature verification failed");
    expect(w.find("[data-testid=update-progress]").exists()).toBe(false);

    i18n.global.locale.value = "en";
    installAnswer = new IpcError({ code: "update.backup_failed", message: "the copy differs" });
    await click(w, "update-install");
    expect(w.find("[data-testid=update-error]").text()).toContain("The database could not be backed up");
  });

  it("follows the install's progress", async () => {
    const w = await mountCard();
    await click(w, "update-check");
    listeners.get("update://progress")?.({ payload: { stage: "downloading", received: 3 * 1024 * 1024, total: 6 * 1024 * 1024 } });
    await flushPromises();
    expect(w.find("[data-testid=update-progress]").text()).toContain("正在下载… 3.0 MB / 6.0 MB");
    listeners.get("update://progress")?.({ payload: { stage: "backing_up" } });
    await flushPromises();
    expect(w.find("[data-testid=update-progress]").text()).toContain("正在备份数据库");
  });

  it("turns the quiet daily check off and on", async () => {
    const w = await mountCard();
    await click(w, "update-auto");
    expect(calls.find((c) => c.cmd === "set_update_auto_check")?.args).toEqual({ enabled: false });
    expect(w.find("[data-testid=update-auto]").classes()).not.toContain("n-switch--active");
  });

  it("without an update source, says where new versions come from", async () => {
    status = { ...status, configured: false };
    const w = await mountCard();
    expect(w.find("[data-testid=update-not-configured]").text()).toContain("发布页");
    expect(w.find("[data-testid=update-check]").attributes("disabled")).toBeDefined();
  });

  it("shows an update the quiet check announced", async () => {
    const w = await mountCard();
    listeners.get("update://available")?.({ payload: newer });
    await flushPromises();
    expect(w.find("[data-testid=update-version]").text()).toBe("新版本 0.2.0");
  });
});
