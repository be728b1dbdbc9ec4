import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { defineComponent, h } from "vue";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { NDialogProvider, NMessageProvider } from "naive-ui";
import type { TemplateEntry } from "../../bindings";
import { i18n } from "../../i18n";

vi.mock("../../api/ipc", async (orig) => ({ ...(await orig<typeof import("../../api/ipc")>()), call: vi.fn() }));
import { call, IpcError } from "../../api/ipc";
import TemplatesView from "./TemplatesView.vue";
// Loaded by the screen when a template is first opened; loaded here up front so a click
// finds it without waiting on the module loader.
import "./TemplateEditor.vue";

const mocked = vi.mocked(call);

function entry(key: string, body: string, over: Partial<TemplateEntry> = {}): TemplateEntry {
  return { key, cause: "quality", channel: "public", lang: "zh", source: "builtin", enabled: true, body, builtin_body: body, ...over };
}

let library: TemplateEntry[];
let calls: { cmd: string; args: Record<string, unknown> | undefined }[];

beforeEach(() => {
  i18n.global.locale.value = "zh-CN";
  calls = [];
  library = [
    entry("quality.public.zh.1", "看到您说{problem}，非常抱歉"),
    entry("quality.public.zh.2", "关于{product}的问题，我们已加强质检"),
    entry("owner.4", "我们自己的话：{product}", { source: "owner", builtin_body: null, enabled: false }),
  ];
  mocked.mockImplementation(async (cmd: string, args?: Record<string, unknown>) => {
    calls.push({ cmd, args });
    switch (cmd) {
      case "list_templates":
        return library;
      case "template_variables":
        return [{ name: "product", description_zh: "商品简称", description_en: "Short product name" }];
      case "list_cases":
        return { total: 0, items: [] };
      case "get_draft_prefs":
        return { signoff_zh: "", signoff_en: "" };
      case "reply_caps":
        return [["taobao", 500], ["pinduoduo", 200]];
      case "validate_template":
        return [];
      case "set_template_enabled":
        return { ...library.find((e) => e.key === args?.key)!, enabled: args?.enabled as boolean };
      case "save_draft_prefs": {
        const p = args?.prefs as { signoff_zh: string };
        if (p.signoff_zh.includes("{")) throw new IpcError({ code: "validation.signoff_braces", message: "braces", field: "signoff_zh" });
        return p;
      }
      default:
        throw new Error(`unexpected ${cmd}`);
    }
  });
});

afterEach(() => {
  document.body.innerHTML = "";
});

async function mountView(): Promise<VueWrapper> {
  const Host = defineComponent({
    setup: () => () => h(NMessageProvider, null, () => h(NDialogProvider, null, () => h(TemplatesView))),
  });
  const wrapper = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body });
  await flushPromises();
  return wrapper;
}

const rows = (w: VueWrapper) => w.findAll("tr[data-template-key]").map((r) => r.attributes("data-template-key"));

describe("template library", () => {
  it("lists every template and filters by text", async () => {
    const w = await mountView();
    expect(calls.find((c) => c.cmd === "list_templates")?.args).toEqual({ filter: { cause: null, channel: null, lang: null } });
    expect(rows(w)).toEqual(["quality.public.zh.1", "quality.public.zh.2", "owner.4"]);
    expect(w.find("[data-testid=template-total]").text()).toBe("共 3 个");
    await w.find("[data-testid=template-search] input").setValue("质检");
    await flushPromises();
    expect(rows(w)).toEqual(["quality.public.zh.2"]);
    await w.find("[data-testid=template-search] input").setValue("没有这句");
    await flushPromises();
    expect(w.text()).toContain("没有符合条件的模板");
  });

  it("opens a template in the editor when its row is clicked", async () => {
    const w = await mountView();
    expect(w.find("[data-testid=template-editor]").exists()).toBe(false);
    await w.find("tr[data-template-key='owner.4']").trigger("click");
    await flushPromises();
    const editor = w.find("[data-testid=template-editor]");
    expect(editor.text()).toContain("owner.4");
    expect((w.find("[data-testid=template-body]").element as HTMLTextAreaElement).value).toBe("我们自己的话：{product}");
    expect(w.find("[data-testid=template-delete]").exists()).toBe(true);
  });

  it("turns a template on from the table", async () => {
    const w = await mountView();
    const sw = w.find("tr[data-template-key='owner.4'] .n-switch");
    await sw.trigger("click");
    await flushPromises();
    expect(calls.find((c) => c.cmd === "set_template_enabled")?.args).toEqual({ key: "owner.4", enabled: true });
    // The click on the switch does not open the row.
    expect(w.find("[data-testid=template-editor]").exists()).toBe(false);
  });

  it("saves the sign-off and shows a refusal next to the field", async () => {
    const w = await mountView();
    await w.find("[data-testid=signoff-zh] input").setValue("暖居小铺 {店主}");
    await w.find("[data-testid=signoff-save]").trigger("click");
    await flushPromises();
    expect(w.find("[data-testid=signoff]").text()).toContain("落款是普通文字，不能包含 { 或 }");
    await w.find("[data-testid=signoff-zh] input").setValue("暖居小铺 店主阿林");
    await w.find("[data-testid=signoff-save]").trigger("click");
    await flushPromises();
    expect(calls.filter((c) => c.cmd === "save_draft_prefs").at(-1)?.args).toEqual({
      prefs: { signoff_zh: "暖居小铺 店主阿林", signoff_en: "" },
    });
    expect(w.find("[data-testid=signoff]").text()).not.toContain("不能包含");
    expect(w.find("[data-testid=signoff]").text()).toContain("拼多多 200");
  });
});
