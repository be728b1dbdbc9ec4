import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { defineComponent, h } from "vue";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { NMessageProvider } from "naive-ui";
import type { Case, TemplateEntry, TemplateProblem, TemplateVariable } from "../../bindings";
import { i18n } from "../../i18n";

vi.mock("../../api/ipc", async (orig) => ({ ...(await orig<typeof import("../../api/ipc")>()), call: vi.fn() }));
import { call } from "../../api/ipc";
import TemplateEditor from "./TemplateEditor.vue";

const mocked = vi.mocked(call);

const entry = (over: Partial<TemplateEntry> = {}): TemplateEntry => ({
  key: "quality.private.zh.1",
  cause: "quality",
  channel: "private",
  lang: "zh",
  source: "builtin",
  enabled: true,
  body: "{buyer|亲}您好，{product}的事非常抱歉。",
  builtin_body: "{buyer|亲}您好，{product}的事非常抱歉。",
  ...over,
});

const cases = [
  { id: 3, product: "浴巾", primary_cause: "logistics" },
  { id: 5, product: "电热水壶", primary_cause: "quality" },
] as unknown as Case[];

const variables: TemplateVariable[] = [
  { name: "buyer", description_zh: "买家昵称", description_en: "Buyer's nickname" },
  { name: "product", description_zh: "商品简称", description_en: "Short product name" },
];

// A stand-in for the core's validator: any variable not in the list is unknown.
function validate(body: string): TemplateProblem[] {
  const out: TemplateProblem[] = [];
  for (const m of body.matchAll(/\{([^}|]*)(\|[^}]*)?\}/g)) {
    if (!variables.some((v) => v.name === m[1])) {
      out.push({
        code: "template.unknown_variable",
        variable: m[1],
        span: { start: m.index!, end: m.index! + m[0].length },
        line: 1,
        column: m.index! + 1,
        message_zh: `不认识的变量 {${m[1]}}`,
        message_en: `unknown variable {${m[1]}}`,
      });
    }
  }
  return out;
}

let calls: { cmd: string; args: Record<string, unknown> | undefined }[];

beforeEach(() => {
  vi.useFakeTimers();
  i18n.global.locale.value = "zh-CN";
  calls = [];
  mocked.mockImplementation(async (cmd: string, args?: Record<string, unknown>) => {
    calls.push({ cmd, args });
    switch (cmd) {
      case "validate_template":
        return validate(String(args?.body));
      case "preview_template":
        return { channel: args?.channel, lang: args?.lang, variant: 0, variants: 1, template_key: "preview", text: `预览：${String(args?.body)}`, findings: [], chars: 1, cap: null };
      case "save_template":
        return entry({ body: String(args?.body), source: "edited" });
      case "add_template":
        return entry({ ...(args?.template as object), key: "owner.9", source: "owner", builtin_body: null });
      default:
        throw new Error(`unexpected ${cmd}`);
    }
  });
});

afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = "";
});

async function mountEditor(e: TemplateEntry | null): Promise<{ wrapper: VueWrapper; editor: () => VueWrapper }> {
  const Host = defineComponent({
    setup: () => () => h(NMessageProvider, null, () => h(TemplateEditor, { entry: e, cases, variables })),
  });
  const wrapper = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body });
  await settle();
  return { wrapper, editor: () => wrapper.findComponent(TemplateEditor) as VueWrapper };
}

// Validation answers first, then the preview of the valid text.
async function settle() {
  for (let i = 0; i < 2; i++) {
    await vi.advanceTimersByTimeAsync(400);
    await flushPromises();
  }
}

describe("template editor", () => {
  it("validates as the owner types and points at the bad variable", async () => {
    const { wrapper } = await mountEditor(entry());
    expect(wrapper.find("[data-testid=template-valid]").exists()).toBe(true);
    await wrapper.find("[data-testid=template-body]").setValue("{buyr|亲}您好");
    await settle();
    const problems = wrapper.find("[data-testid=template-problems]");
    // The variable itself is the link that selects it in the text.
    const link = problems.find("a.where");
    expect(link.text()).toBe("{buyr}");
    expect(link.attributes("title")).toBe("第 1 行第 1 字");
    expect(problems.text()).toContain("不认识的变量");
    expect(wrapper.find("mark.sev-blocking").text()).toBe("{buyr|亲}");
    expect(wrapper.find("[data-testid=template-save]").attributes("disabled")).toBeDefined();
  });

  it("previews with a case of the template's cause", async () => {
    const { wrapper } = await mountEditor(entry());
    const preview = calls.filter((c) => c.cmd === "preview_template").at(-1);
    expect(preview?.args).toMatchObject({ caseId: 5, channel: "private", lang: "zh" });
    expect(wrapper.find("[data-testid=template-preview]").text()).toContain("预览：");
  });

  it("inserts a variable at the cursor and saves the edit", async () => {
    const { wrapper, editor } = await mountEditor(entry());
    const area = wrapper.find("[data-testid=template-body]").element as HTMLTextAreaElement;
    area.focus();
    area.setSelectionRange(0, 0);
    await wrapper.find("[data-var=product]").trigger("click");
    await settle();
    expect(area.value.startsWith("{product}{buyer|亲}")).toBe(true);
    await wrapper.find("[data-testid=template-save]").trigger("click");
    await flushPromises();
    expect(calls.find((c) => c.cmd === "save_template")?.args).toEqual({ key: "quality.private.zh.1", body: area.value });
    expect(editor().emitted("saved")?.[0][0]).toMatchObject({ source: "edited" });
  });

  it("adds a new template with its cause, channel and language", async () => {
    const { wrapper, editor } = await mountEditor(null);
    expect(wrapper.find("[data-testid=template-save]").attributes("disabled")).toBeDefined();
    await wrapper.find("[data-testid=template-body]").setValue("{buyer|亲}，{product}让您失望了，抱歉。");
    await settle();
    await wrapper.find("[data-testid=template-save]").trigger("click");
    await flushPromises();
    expect(calls.find((c) => c.cmd === "add_template")?.args).toEqual({
      template: { cause: "quality", channel: "private", lang: "zh", body: "{buyer|亲}，{product}让您失望了，抱歉。" },
    });
    expect(editor().emitted("added")?.[0][0]).toMatchObject({ key: "owner.9" });
  });

  it("offers reset only for edited built-ins and delete only for the owner's own", async () => {
    let m = await mountEditor(entry());
    expect(m.wrapper.find("[data-testid=template-reset]").exists()).toBe(false);
    expect(m.wrapper.find("[data-testid=template-delete]").exists()).toBe(false);
    m.wrapper.unmount();
    m = await mountEditor(entry({ source: "edited", body: "改过的" }));
    expect(m.wrapper.find("[data-testid=template-reset]").exists()).toBe(true);
    expect(m.wrapper.find("[data-testid=template-delete]").exists()).toBe(false);
    m.wrapper.unmount();
    m = await mountEditor(entry({ key: "owner.2", source: "owner", builtin_body: null }));
    expect(m.wrapper.find("[data-testid=template-reset]").exists()).toBe(false);
    expect(m.wrapper.find("[data-testid=template-delete]").exists()).toBe(true);
  });

  it("lists the variables with their descriptions in the interface language", async () => {
    i18n.global.locale.value = "en";
    const { wrapper } = await mountEditor(entry());
    const list = wrapper.find("[data-testid=template-variables]").text();
    expect(list).toContain("{product}");
    expect(list).toContain("Short product name");
  });
});
