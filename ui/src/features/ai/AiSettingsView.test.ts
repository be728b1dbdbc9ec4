import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { defineComponent, h } from "vue";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { NMessageProvider } from "naive-ui";
import type { AiSettings, AiStatus, AiTestResult, KeyUpdate } from "../../bindings";
import { i18n } from "../../i18n";

vi.mock("../../api/ipc", async (orig) => ({ ...(await orig<typeof import("../../api/ipc")>()), call: vi.fn() }));
import { call, IpcError } from "../../api/ipc";
import AiSettingsView from "./AiSettingsView.vue";

const mocked = vi.mocked(call);

let calls: { cmd: string; args: Record<string, unknown> | undefined }[];
let stored: AiStatus;
let testAnswer: AiTestResult | IpcError;

function statusOf(settings: AiSettings, hasKey: boolean, keychain = true): AiStatus {
  return {
    settings,
    has_key: hasKey,
    keychain_available: keychain,
    ready: settings.enabled && !!settings.base_url && !!settings.model,
  };
}

beforeEach(() => {
  i18n.global.locale.value = "zh-CN";
  calls = [];
  stored = statusOf({ enabled: false, base_url: "", model: "", timeout_secs: 60 }, false);
  testAnswer = { model: "qwen2.5:7b", latency_ms: 820, reply: "OK", models: ["llama3.1:8b", "qwen2.5:7b"] };
  mocked.mockImplementation(async (cmd: string, args?: Record<string, unknown>) => {
    calls.push({ cmd, args });
    switch (cmd) {
      case "ai_status":
        return stored;
      case "ai_save_settings": {
        const s = args?.settings as AiSettings;
        const key = args?.key as KeyUpdate;
        if (s.enabled && !s.base_url.trim()) {
          throw new IpcError({ code: "validation.required", message: "base_url: is required", field: "base_url" });
        }
        const hasKey = key.action === "set" ? true : key.action === "clear" ? false : stored.has_key;
        stored = statusOf({ ...s, base_url: s.base_url.trim() }, hasKey, stored.keychain_available);
        return stored;
      }
      case "ai_test_connection":
        if (testAnswer instanceof IpcError) throw testAnswer;
        return testAnswer;
      default:
        throw new Error(`unexpected ${cmd}`);
    }
  });
});

let mounted: VueWrapper | null = null;

afterEach(() => {
  mounted?.unmount();
  mounted = null;
  document.body.innerHTML = "";
});

async function mountView(): Promise<VueWrapper> {
  const Host = defineComponent({ setup: () => () => h(NMessageProvider, null, () => h(AiSettingsView)) });
  const wrapper = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body });
  mounted = wrapper;
  await flushPromises();
  return wrapper;
}

const input = (w: VueWrapper, id: string) => w.find(`[data-testid=${id}] input`);

async function click(w: VueWrapper, id: string) {
  await w.find(`[data-testid=${id}]`).trigger("click");
  await flushPromises();
}

function lastArgs(cmd: string) {
  const c = calls.filter((x) => x.cmd === cmd).pop();
  if (!c) throw new Error(`no ${cmd}`);
  return c.args as { settings: AiSettings; key: KeyUpdate };
}

describe("AI assistant settings", () => {
  it("fills a local preset, saves it on with no key, and says where data goes", async () => {
    const w = await mountView();
    expect(calls[0].cmd).toBe("ai_status");
    expect(w.text()).toContain("买家电话从不发送");
    expect(w.text()).toContain("Ctrl+S 保存");
    await click(w, "ai-preset-ollama");
    expect((input(w, "ai-base-url").element as HTMLInputElement).value).toBe("http://localhost:11434/v1");
    expect((input(w, "ai-model").element as HTMLInputElement).value).toBe("qwen2.5:7b");
    expect(w.find("[data-testid=ai-where]").text()).toBe("本机");
    expect(w.find("[data-testid=ai-unsaved]").exists()).toBe(true);
    await click(w, "ai-enabled");
    await click(w, "ai-save");
    const { settings, key } = lastArgs("ai_save_settings");
    expect(settings).toEqual({ enabled: true, base_url: "http://localhost:11434/v1", model: "qwen2.5:7b", timeout_secs: 60 });
    expect(key).toEqual({ action: "keep" });
    expect(w.find("[data-testid=ai-unsaved]").exists()).toBe(false);
    expect(document.body.textContent).toContain("AI 设置已保存");
  });

  it("sends a typed key once, never shows a stored one, and can remove it", async () => {
    stored = statusOf({ enabled: true, base_url: "https://api.openai.com/v1", model: "gpt-4o-mini", timeout_secs: 60 }, false);
    const w = await mountView();
    expect(w.find("[data-testid=ai-where]").text()).toBe("云端");
    const key = input(w, "ai-key");
    expect(key.attributes("type")).toBe("password");
    await key.setValue("sk-secret-123");
    await click(w, "ai-save");
    expect(lastArgs("ai_save_settings").key).toEqual({ action: "set", key: "sk-secret-123" });
    // After saving, the field is empty again: the key is never read back.
    expect((input(w, "ai-key").element as HTMLInputElement).value).toBe("");
    expect(input(w, "ai-key").attributes("placeholder")).toContain("已保存，不显示");
    expect(w.find("[data-testid=ai-key-state]").text()).toBe("已保存密钥");
    expect(w.html()).not.toContain("sk-secret-123");

    await click(w, "ai-clear-key");
    expect(w.find("[data-testid=ai-key-state]").text()).toBe("保存后将清除密钥");
    await click(w, "ai-save");
    expect(lastArgs("ai_save_settings").key).toEqual({ action: "clear" });
    expect(w.find("[data-testid=ai-key-state]").text()).toBe("未保存密钥");
  });

  it("shows a refused field next to it, in words", async () => {
    const w = await mountView();
    await click(w, "ai-enabled");
    await click(w, "ai-save");
    expect(w.text()).toContain("请填写「接口地址」");
    await input(w, "ai-base-url").setValue("http://localhost:11434/v1");
    expect(w.text()).not.toContain("请填写「接口地址」");
  });

  it("tests what is in the form and lists the server's models to pick from", async () => {
    stored = statusOf({ enabled: true, base_url: "http://localhost:11434/v1", model: "qwen2.5:7b", timeout_secs: 60 }, false);
    const w = await mountView();
    await input(w, "ai-model").setValue("llama3");
    await click(w, "ai-test");
    const args = lastArgs("ai_test_connection");
    expect(args.settings.model).toBe("llama3");
    expect(args.key).toEqual({ action: "keep" });
    expect(calls.some((c) => c.cmd === "ai_save_settings")).toBe(false);
    const result = w.find("[data-testid=ai-test-result]");
    expect(result.attributes("data-ok")).toBe("true");
    expect(result.text()).toContain("连接成功：qwen2.5:7b 用时 820 毫秒");
    expect(result.text()).toContain("llama3.1:8b");
    await result.findAll(".model-tag")[0].trigger("click");
    expect((input(w, "ai-model").element as HTMLInputElement).value).toBe("llama3.1:8b");
  });

  it("explains a failed test in plain words, with the server's own message below", async () => {
    stored = statusOf({ enabled: true, base_url: "http://localhost:11434/v1", model: "qwen", timeout_secs: 60 }, false);
    testAnswer = new IpcError({ code: "ai.offline", message: "cannot reach http://localhost:11434/v1: Connection refused" });
    const w = await mountView();
    await click(w, "ai-test");
    const result = w.find("[data-testid=ai-test-result]");
    expect(result.attributes("data-ok")).toBe("false");
    expect(result.text()).toContain("连接失败：连不上 AI 服务");
    expect(result.text()).toContain("Connection refused");

    i18n.global.locale.value = "en";
    testAnswer = new IpcError({ code: "ai.bad_key", message: "refused the API key (401 Unauthorized)" });
    await click(w, "ai-test");
    expect(w.find("[data-testid=ai-test-result]").text()).toContain("Connection failed: The API key is wrong or missing");
  });

  it("without a keychain, says so and keeps the key field closed", async () => {
    stored = statusOf({ enabled: false, base_url: "", model: "", timeout_secs: 60 }, false, false);
    const w = await mountView();
    expect(w.find("[data-testid=ai-keychain-missing]").text()).toContain("系统钥匙串用不了");
    expect(input(w, "ai-key").attributes("disabled")).toBeDefined();
  });

  it("saves with Ctrl+S and tests with Ctrl+Enter", async () => {
    stored = statusOf({ enabled: true, base_url: "http://localhost:11434/v1", model: "qwen", timeout_secs: 60 }, false);
    const w = await mountView();
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "s", ctrlKey: true }));
    await flushPromises();
    expect(calls.filter((c) => c.cmd === "ai_save_settings")).toHaveLength(1);
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", ctrlKey: true }));
    await flushPromises();
    expect(calls.filter((c) => c.cmd === "ai_test_connection")).toHaveLength(1);
    // Gone from the screen, the shortcuts stop.
    w.unmount();
    mounted = null;
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "s", ctrlKey: true }));
    await flushPromises();
    expect(calls.filter((c) => c.cmd === "ai_save_settings")).toHaveLength(1);
  });
});
