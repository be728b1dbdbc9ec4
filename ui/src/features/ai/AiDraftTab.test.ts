import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { defineComponent, h } from "vue";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { NMessageProvider } from "naive-ui";
import type { AiChunk, AiDraft, AiStatus, Case, Channel, Finding, Lang } from "../../bindings";
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
import AiDraftTab from "./AiDraftTab.vue";

const mocked = vi.mocked(call);
const theCase = { id: 7, lang: "zh", product: "电热水壶", platform: "taobao" } as unknown as Case;
const REPLY = "亲，非常抱歉电热水壶漏水了。麻烦您发来订单号和照片，我们马上为您换新。我们已加强出库检测。欢迎随时联系我们。";

const incentive: Finding = {
  severity: "blocking",
  code: "compliance.review_incentive",
  message_zh: "这句话把返现和好评挂钩了。",
  message_en: "This ties cash back to the review.",
  span: null,
  excerpt: "好评返现5元",
  parts: [],
  rule_zh: "",
  rule_en: "",
};

function aiDraft(channel: Channel, lang: Lang, text = REPLY, findings: Finding[] = []): AiDraft {
  return {
    channel,
    lang,
    model: "qwen2.5:7b",
    text,
    findings,
    chars: Array.from(text).length,
    cap: channel === "public" ? 500 : null,
    truncated: false,
    elapsed_ms: 2300,
  };
}

let calls: { cmd: string; args: Record<string, unknown> | undefined }[];
let status: AiStatus;
/** Resolves the pending `ai_generate`, as the core would after its last piece. */
let finishGenerate: ((d: AiDraft | IpcError) => void) | null;

beforeEach(() => {
  vi.useFakeTimers();
  i18n.global.locale.value = "zh-CN";
  calls = [];
  finishGenerate = null;
  status = {
    settings: { enabled: true, base_url: "http://localhost:11434/v1", model: "qwen2.5:7b", timeout_secs: 60 },
    has_key: false,
    keychain_available: true,
    ready: true,
  };
  mocked.mockImplementation(async (cmd: string, args?: Record<string, unknown>) => {
    calls.push({ cmd, args });
    switch (cmd) {
      case "ai_status":
        return status;
      case "ai_generate":
        return new Promise((resolve, reject) => {
          finishGenerate = (d) => (d instanceof IpcError ? reject(d) : resolve(d));
        });
      case "ai_cancel":
        return true;
      case "check_draft": {
        const text = String(args?.text);
        return text.includes("好评返现5元") ? [incentive] : [];
      }
      case "copy_draft":
        return { id: 1, case_id: 7, at: "2026-11-20T04:00:00Z", actor: "店主", kind: "draft_copied", field: args?.channel, old_value: null, new_value: args?.text, note: null, detail: {} };
      default:
        throw new Error(`unexpected ${cmd}`);
    }
  });
});

let mounted: VueWrapper | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
  vi.useRealTimers();
  document.body.innerHTML = "";
});

async function mountTab(): Promise<{ wrapper: VueWrapper; tab: () => VueWrapper }> {
  const Host = defineComponent({
    setup: () => () => h(NMessageProvider, null, () => h(AiDraftTab, { caseId: 7, case: theCase })),
  });
  const wrapper = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body });
  mounted = wrapper;
  await flushPromises();
  return { wrapper, tab: () => wrapper.findComponent(AiDraftTab) as VueWrapper };
}

function chunk(request: number, delta: string) {
  const payload: AiChunk = { request, delta };
  listeners.get("ai://chunk")?.({ payload });
}

async function click(w: VueWrapper, id: string) {
  await w.find(`[data-testid=${id}]`).trigger("click");
  await flushPromises();
}

function request(): number {
  const c = calls.filter((x) => x.cmd === "ai_generate").pop();
  return c?.args?.request as number;
}

describe("AI draft tab", () => {
  it("says how to set AI up when it is off, and that template drafts remain", async () => {
    status = { ...status, ready: false, settings: { ...status.settings, enabled: false } };
    const { wrapper } = await mountTab();
    const box = wrapper.find("[data-testid=ai-not-configured]");
    expect(box.text()).toContain("AI 草稿还没打开");
    expect(box.text()).toContain("AI 助手");
    expect(box.text()).toContain("http://localhost:11434/v1");
    expect(box.text()).toContain("模板草稿在「回复草稿」页");
    expect(wrapper.find("[data-testid=ai-generate]").exists()).toBe(false);
  });

  it("streams the draft in, then shows it checked and editable", async () => {
    const { wrapper } = await mountTab();
    expect(wrapper.find("[data-testid=ai-empty]").exists()).toBe(true);
    await click(wrapper, "ai-channel-private");
    await click(wrapper, "ai-generate");
    const gen = calls.find((c) => c.cmd === "ai_generate");
    expect(gen?.args).toMatchObject({ caseId: 7, channel: "private", lang: "zh" });
    expect(wrapper.find("[data-testid=ai-stream]").text()).toContain("正在请模型写");

    chunk(request(), "亲，非常抱歉");
    chunk(request() + 1000, "别的请求的字");
    chunk(request(), "电热水壶漏水了。");
    await flushPromises();
    const stream = wrapper.find("[data-testid=ai-stream]").text();
    expect(stream).toContain("亲，非常抱歉电热水壶漏水了。");
    expect(stream).not.toContain("别的请求");
    expect(stream).toContain("正在写");

    finishGenerate?.(aiDraft("private", "zh"));
    await flushPromises();
    expect(wrapper.find("[data-testid=ai-stream]").exists()).toBe(false);
    const area = wrapper.find("[data-testid=ai-text]").element as HTMLTextAreaElement;
    expect(area.value).toBe(REPLY);
    expect(wrapper.find("[data-testid=ai-meta]").text()).toBe("qwen2.5:7b · 用时 2.3 秒");
    expect(wrapper.find("[data-testid=ai-clean]").exists()).toBe(true);
    expect(wrapper.find("[data-testid=ai-generate]").text()).toBe("重新生成");
    expect(wrapper.find("[data-testid=ai-copy]").attributes("disabled")).toBeUndefined();
  });

  it("shows the checker's blocking findings on the AI text and on edits, with Copy held back", async () => {
    const { wrapper } = await mountTab();
    await click(wrapper, "ai-generate");
    const bad = `${REPLY}改好评返现5元`;
    finishGenerate?.(aiDraft("public", "zh", bad, [incentive]));
    await flushPromises();
    expect(wrapper.find("[data-testid=ai-findings]").text()).toContain("这句话把返现和好评挂钩了");
    expect(wrapper.find("[data-testid=ai-findings]").text()).toContain("必须修改");
    expect(wrapper.find("[data-testid=ai-copy]").attributes("disabled")).toBeDefined();
    expect(wrapper.find("[data-testid=ai-copy-reason]").text()).toBe("有 1 处必须先改");
    expect(wrapper.find("[data-testid=ai-count]").text()).toMatch(/\/ 500 字/);

    // The owner removes the offending words: the same live checker clears it.
    await wrapper.find("[data-testid=ai-text]").setValue(REPLY);
    expect(wrapper.find("[data-testid=ai-copy-reason]").text()).toBe("检查中…");
    await vi.advanceTimersByTimeAsync(300);
    await flushPromises();
    const check = calls.filter((c) => c.cmd === "check_draft");
    expect(check.pop()?.args).toEqual({ caseId: 7, channel: "public", lang: "zh", text: REPLY });
    expect(wrapper.find("[data-testid=ai-findings]").exists()).toBe(false);
    expect(wrapper.find("[data-testid=ai-copy]").attributes("disabled")).toBeUndefined();
  });

  it("copies through the drafts command, which logs it on the case", async () => {
    const { wrapper, tab } = await mountTab();
    await click(wrapper, "ai-lang-en");
    await click(wrapper, "ai-generate");
    expect(calls.find((c) => c.cmd === "ai_generate")?.args).toMatchObject({ lang: "en" });
    finishGenerate?.(aiDraft("public", "en", "Sorry the kettle leaked. We will replace it."));
    await flushPromises();
    await click(wrapper, "ai-copy");
    expect(calls.find((c) => c.cmd === "copy_draft")?.args).toEqual({
      caseId: 7,
      channel: "public",
      lang: "en",
      variant: 0,
      text: "Sorry the kettle leaked. We will replace it.",
    });
    expect(tab().emitted("changed")).toHaveLength(1);
    expect(wrapper.find("[data-testid=ai-copied]").exists()).toBe(true);
    expect(document.body.textContent).toContain("已复制，已记入处理记录");
  });

  it("explains failures in words, with the server's message, and retries", async () => {
    const { wrapper } = await mountTab();
    await click(wrapper, "ai-generate");
    finishGenerate?.(new IpcError({ code: "ai.timeout", message: "http://localhost:11434/v1 did not answer within 60 s" }));
    await flushPromises();
    const err = wrapper.find("[data-testid=ai-error]");
    expect(err.text()).toContain("模型太久没有回应");
    expect(err.text()).toContain("did not answer within 60 s");

    i18n.global.locale.value = "en";
    await err.find("button").trigger("click");
    await flushPromises();
    expect(calls.filter((c) => c.cmd === "ai_generate")).toHaveLength(2);
    finishGenerate?.(new IpcError({ code: "ai.rate_limited", message: "retry after 7 s" }));
    await flushPromises();
    expect(wrapper.find("[data-testid=ai-error]").text()).toContain("Too many requests");
  });

  it("stops at once, asks the core to stop, keeps and checks what came", async () => {
    const { wrapper } = await mountTab();
    await click(wrapper, "ai-generate");
    const req = request();
    chunk(req, "亲，非常抱歉，好评返现5元");
    await flushPromises();
    await click(wrapper, "ai-stop");
    expect(calls.find((c) => c.cmd === "ai_cancel")?.args).toEqual({ request: req });
    expect(wrapper.find("[data-testid=ai-stopped]").exists()).toBe(true);
    await vi.advanceTimersByTimeAsync(300);
    await flushPromises();
    expect(wrapper.find("[data-testid=ai-findings]").text()).toContain("返现");
    // The core's late answer changes nothing.
    finishGenerate?.(new IpcError({ code: "ai.cancelled", message: "stopped by the owner" }));
    chunk(req, "迟到的字");
    await flushPromises();
    expect(wrapper.find("[data-testid=ai-error]").exists()).toBe(false);
    expect((wrapper.find("[data-testid=ai-text]").element as HTMLTextAreaElement).value).toBe("亲，非常抱歉，好评返现5元");
  });

  it("generates with Ctrl+Enter and stops with Esc while it has the focus", async () => {
    const { wrapper } = await mountTab();
    (wrapper.find("[data-testid=ai-generate]").element as HTMLElement).focus();
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", ctrlKey: true }));
    await flushPromises();
    expect(calls.filter((c) => c.cmd === "ai_generate")).toHaveLength(1);
    (wrapper.find("[data-testid=ai-stop]").element as HTMLElement).focus();
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape" }));
    await flushPromises();
    expect(calls.filter((c) => c.cmd === "ai_cancel")).toHaveLength(1);
    expect(wrapper.text()).toContain("Ctrl+Enter 生成");
  });
});
