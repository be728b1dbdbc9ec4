import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { defineComponent, h } from "vue";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { NDialogProvider, NMessageProvider } from "naive-ui";
import type { Case, Channel, Draft, Finding } from "../../bindings";
import { i18n } from "../../i18n";

vi.mock("../../api/ipc", async (orig) => ({ ...(await orig<typeof import("../../api/ipc")>()), call: vi.fn() }));
import { call, IpcError } from "../../api/ipc";
import DraftsTab from "./DraftsTab.vue";

const mocked = vi.mocked(call);

const theCase = { id: 7, lang: "zh", product: "电热水壶", platform: "taobao" } as unknown as Case;

function draft(channel: Channel, variant = 0, lang: "zh" | "en" = "zh"): Draft {
  const text =
    channel === "phone"
      ? "【第一步 确认身份】\n“您好，请问是买家本人吗？”\n\n【第二步 说明来意并道歉】\n“电热水壶漏水，真的很抱歉。”\n\n【第三步 给出方案并约好时间】\n“明天晚上我再打给您，可以吗？”"
      : `${lang === "en" ? "Sorry about the kettle" : "电热水壶漏水的事非常抱歉"}（${channel} v${variant + 1}）`;
  return {
    channel,
    lang,
    variant,
    variants: 6,
    template_key: `quality.${channel}.${lang}.${variant + 1}`,
    text,
    findings: [],
    chars: text.length,
    cap: channel === "public" ? 500 : null,
    problem: { phrase: "漏水", source: "catalogue", excerpt: "漏水", span: { start: 2, end: 4 }, in_follow_up: false, fit: null },
  };
}

const incentive: Finding = {
  severity: "blocking",
  code: "compliance.review_incentive",
  message_zh: "这句话把返现和好评挂钩了。",
  message_en: "This ties cash back to the review.",
  span: null,
  excerpt: "好评返现5元",
  parts: [],
  rule_zh: "《电子商务法》第十七条；淘宝的评价规则",
  rule_en: "China's E-commerce Law, art. 17; Taobao's review rules",
};

function incentiveAt(text: string): Finding {
  const start = text.indexOf("好评返现5元");
  return {
    ...incentive,
    span: { start, end: start + 6 },
    parts: [
      { role: "review_action", span: { start, end: start + 2 }, excerpt: "好评" },
      { role: "benefit", span: { start: start + 2, end: start + 6 }, excerpt: "返现5元" },
    ],
  };
}

let calls: { cmd: string; args: Record<string, unknown> | undefined }[];

beforeEach(() => {
  vi.useFakeTimers();
  i18n.global.locale.value = "zh-CN";
  calls = [];
  mocked.mockImplementation(async (cmd: string, args?: Record<string, unknown>) => {
    calls.push({ cmd, args });
    switch (cmd) {
      case "drafts_for_case":
        return (["public", "private", "phone"] as Channel[]).map((c) => draft(c, 0, (args?.lang as "zh" | "en") ?? "zh"));
      case "draft_for_channel":
        return draft(args?.channel as Channel, args?.variantSeed as number);
      case "check_draft": {
        const text = String(args?.text);
        return text.includes("好评返现5元") ? [incentiveAt(text)] : [];
      }
      case "copy_draft":
        return { id: 1, case_id: 7, at: "2026-11-20T04:00:00Z", actor: "店主", kind: "draft_copied", field: args?.channel, old_value: null, new_value: args?.text, note: null, detail: {} };
      default:
        throw new Error(`unexpected ${cmd}`);
    }
  });
});

afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = "";
});

async function mountTab(): Promise<{ wrapper: VueWrapper; tab: () => VueWrapper }> {
  const Host = defineComponent({
    setup: () => () =>
      h(NMessageProvider, null, () => h(NDialogProvider, null, () => h(DraftsTab, { caseId: 7, case: theCase }))),
  });
  const wrapper = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body });
  await flushPromises();
  return { wrapper, tab: () => wrapper.findComponent(DraftsTab) as VueWrapper };
}

async function typeInto(wrapper: VueWrapper, channel: Channel, text: string) {
  const area = wrapper.find(`[data-testid=draft-text-${channel}]`);
  await area.setValue(text);
  await vi.advanceTimersByTimeAsync(300);
  await flushPromises();
}

describe("drafts tab", () => {
  it("shows the three drafts in the case's language, the phone script as its beats", async () => {
    const { wrapper } = await mountTab();
    expect(calls[0]).toEqual({ cmd: "drafts_for_case", args: { caseId: 7, lang: "zh", variantSeed: null } });
    for (const ch of ["public", "private"] as Channel[]) {
      const area = wrapper.find(`[data-testid=draft-text-${ch}]`).element as HTMLTextAreaElement;
      expect(area.value).toContain("电热水壶");
    }
    const beats = wrapper.find("[data-testid=phone-beats]");
    expect(beats.findAll(".beat-title").map((b) => b.text())).toEqual(["1第一步 确认身份", "2第二步 说明来意并道歉", "3第三步 给出方案并约好时间"]);
    expect(wrapper.find("[data-testid=draft-count-public]").text()).toMatch(/\/ 500 字/);
    expect(wrapper.text()).toContain("Ctrl+Shift+C");
  });

  it("checks every edit, shows the blocking finding and keeps Copy disabled with the reason", async () => {
    const { wrapper } = await mountTab();
    const original = (wrapper.find("[data-testid=draft-text-private]").element as HTMLTextAreaElement).value;
    await typeInto(wrapper, "private", `${original}好评返现5元`);
    const check = calls.filter((c) => c.cmd === "check_draft");
    expect(check).toHaveLength(1);
    expect(check[0].args).toMatchObject({ caseId: 7, channel: "private", lang: "zh" });
    const findings = wrapper.find("[data-testid=draft-findings-private]");
    expect(findings.text()).toContain("必须修改");
    expect(findings.text()).toContain("这句话把返现和好评挂钩了");
    expect(wrapper.find("[data-testid=draft-copy-private]").attributes("disabled")).toBeDefined();
    expect(wrapper.find("[data-testid=copy-reason-private]").text()).toBe("有 1 处必须先改：诱导评价「好评返现5元」");
    // Each part is marked in the layer under the text, in its own colour.
    expect(wrapper.find("[data-testid=draft-private] mark.sev-blocking.part-review_action").text()).toBe("好评");
    expect(wrapper.find("[data-testid=draft-private] mark.sev-blocking.part-benefit").text()).toBe("返现5元");
    // The list names the parts and the rule that applies.
    const parts = findings.findAll("[data-testid=finding-parts] a");
    expect(parts.map((p) => p.text())).toEqual(["评价动作「好评」", "好处「返现5元」"]);
    expect(findings.find("[data-testid=finding-rule]").text()).toBe("依据：《电子商务法》第十七条；淘宝的评价规则");
    // The other drafts are unaffected.
    expect(wrapper.find("[data-testid=draft-copy-public]").attributes("disabled")).toBeUndefined();

    await typeInto(wrapper, "private", original);
    expect(wrapper.find("[data-testid=draft-findings-private]").exists()).toBe(false);
    expect(wrapper.find("[data-testid=draft-copy-private]").attributes("disabled")).toBeUndefined();
  });

  it("waits for the check before Copy is enabled again", async () => {
    const { wrapper } = await mountTab();
    await wrapper.find("[data-testid=draft-text-public]").setValue("刚改的字");
    expect(wrapper.find("[data-testid=draft-copy-public]").attributes("disabled")).toBeDefined();
    expect(wrapper.find("[data-testid=copy-reason-public]").text()).toBe("检查中…");
    await vi.advanceTimersByTimeAsync(300);
    await flushPromises();
    expect(wrapper.find("[data-testid=draft-copy-public]").attributes("disabled")).toBeUndefined();
  });

  it("copies the edited text through the core, confirms it and tells the case pane", async () => {
    const { wrapper, tab } = await mountTab();
    await typeInto(wrapper, "private", "电热水壶漏水的事非常抱歉，我们给您换新。");
    await wrapper.find("[data-testid=draft-copy-private]").trigger("click");
    await flushPromises();
    expect(calls.find((c) => c.cmd === "copy_draft")?.args).toEqual({
      caseId: 7,
      channel: "private",
      lang: "zh",
      variant: 0,
      text: "电热水壶漏水的事非常抱歉，我们给您换新。",
    });
    expect(wrapper.find("[data-testid=copy-confirm-private]").text()).toContain("已复制并记录");
    expect(tab().emitted("changed")).toHaveLength(1);
  });

  it("shows the core's refusal and re-checks the text", async () => {
    const { wrapper } = await mountTab();
    mocked.mockImplementationOnce(async () => {
      throw new IpcError({ code: "drafts.blocked", message: "blocked" });
    });
    await wrapper.find("[data-testid=draft-copy-public]").trigger("click");
    await flushPromises();
    expect(document.body.textContent).toContain("草稿里还有必须修改的地方");
    await vi.advanceTimersByTimeAsync(300);
    await flushPromises();
    expect(calls.some((c) => c.cmd === "check_draft" && c.args?.channel === "public")).toBe(true);
  });

  it("Ctrl+Shift+C copies the draft being edited", async () => {
    const { wrapper } = await mountTab();
    const area = wrapper.find("[data-testid=draft-text-public]").element as HTMLTextAreaElement;
    area.focus();
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "C", ctrlKey: true, shiftKey: true }));
    await flushPromises();
    const copy = calls.filter((c) => c.cmd === "copy_draft");
    expect(copy).toHaveLength(1);
    expect(copy[0].args?.channel).toBe("public");
    // Without focus in a draft, the shortcut does nothing.
    area.blur();
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "C", ctrlKey: true, shiftKey: true }));
    await flushPromises();
    expect(calls.filter((c) => c.cmd === "copy_draft")).toHaveLength(1);
  });

  it("another version asks the core for the next variant of that channel only", async () => {
    const { wrapper } = await mountTab();
    await wrapper.find("[data-testid=draft-another-public]").trigger("click");
    await flushPromises();
    expect(calls.at(-1)).toEqual({ cmd: "draft_for_channel", args: { caseId: 7, channel: "public", lang: "zh", variantSeed: 1 } });
    expect((wrapper.find("[data-testid=draft-text-public]").element as HTMLTextAreaElement).value).toContain("public v2");
    expect(wrapper.find("[data-testid=draft-variant-public]").text()).toBe("第 2/6 版");
  });

  it("switches the drafts to English", async () => {
    const { wrapper } = await mountTab();
    await wrapper.find("[data-testid=draft-lang-en] input").setValue(true);
    await flushPromises();
    expect(calls.at(-1)).toEqual({ cmd: "drafts_for_case", args: { caseId: 7, lang: "en", variantSeed: null } });
    expect((wrapper.find("[data-testid=draft-text-public]").element as HTMLTextAreaElement).value).toContain("Sorry about the kettle");
  });

  it("explains findings in the interface language, whatever the draft language", async () => {
    i18n.global.locale.value = "en";
    const { wrapper } = await mountTab();
    await typeInto(wrapper, "private", "好评返现5元");
    expect(wrapper.find("[data-testid=draft-findings-private]").text()).toContain("This ties cash back to the review.");
    expect(wrapper.find("[data-testid=copy-reason-private]").text()).toBe("Fix 1 first: review incentive “好评返现5元”");
  });
});
