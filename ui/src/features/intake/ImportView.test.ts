import { beforeEach, describe, expect, it, vi } from "vitest";
import { defineComponent, h } from "vue";
import { flushPromises, mount } from "@vue/test-utils";
import { NMessageProvider } from "naive-ui";
import { i18n } from "../../i18n";
import type { ImportOptions, NewCase } from "../../bindings";
import { pasted, preview, report } from "./fixtures";
import { reset } from "./session";
import ImportView from "./ImportView.vue";
// Loaded by the screen when first needed; loaded here up front so the test finds it
// without waiting on the module loader.
import "./MappingEditor.vue";

type Handler = (args: Record<string, unknown>) => unknown;

const ipc = vi.hoisted(() => ({
  handlers: {} as Record<string, Handler>,
  calls: [] as { cmd: string; args: Record<string, unknown> }[],
  drop: null as ((e: { payload: unknown }) => void) | null,
}));

vi.mock("../../api/ipc", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../api/ipc")>();
  return {
    ...real,
    call: vi.fn(async (cmd: string, args: Record<string, unknown> = {}) => {
      ipc.calls.push({ cmd, args });
      const h = ipc.handlers[cmd];
      if (!h) throw new real.IpcError({ code: "unknown", message: `no handler for ${cmd}` });
      try {
        return await h(args);
      } catch (e) {
        throw real.toIpcError(e);
      }
    }),
  };
});

vi.mock("@tauri-apps/api/event", () => ({ listen: vi.fn(async () => () => undefined) }));

vi.mock("@tauri-apps/api/webview", () => ({
  getCurrentWebview: () => ({
    onDragDropEvent: async (cb: (e: { payload: unknown }) => void) => {
      ipc.drop = cb;
      return () => undefined;
    },
  }),
}));

const calls = (cmd: string) => ipc.calls.filter((c) => c.cmd === cmd);

function mountView() {
  const events: unknown[] = [];
  const Host = defineComponent({
    render: () => h(NMessageProvider, null, { default: () => h(ImportView, { onOpenCase: (r: unknown) => events.push(r) }) }),
  });
  const wrapper = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body });
  return { wrapper, events };
}

beforeEach(async () => {
  i18n.global.locale.value = "zh-CN";
  ipc.calls = [];
  ipc.handlers = {
    list_import_presets: () => [{ name: "online_shopping_zh", label_zh: "网购评论 (类别,标签,评价内容)", label_en: "Online shopping", platform: "other" }],
    list_import_mappings: () => [],
    preview_import: () => preview(),
    start_import: (args) =>
      (args.options as ImportOptions).dry_run
        ? report({ rejected_total: 1, rejected: [{ row: 7, code: "bad_rating", column: "标签", reason: "'x' is not a rating" }] })
        : report({ dry_run: false, import_id: 1 }),
    cancel_import: () => false,
  };
  await reset();
});

describe("import screen", () => {
  it("previews a typed path, shows the dry-run counts and the rejected rows, imports, reports", async () => {
    const { wrapper, events } = mountView();
    await flushPromises();
    await wrapper.get("[data-testid=path-input] input").setValue("  /data/zh-online-shopping-neg600.gbk.csv ");
    await wrapper.get("[data-testid=path-open]").trigger("click");
    await flushPromises();

    expect(calls("preview_import")[0].args.path).toBe("/data/zh-online-shopping-neg600.gbk.csv");
    expect(wrapper.get("[data-testid=detected-encoding]").text()).toContain("GBK");
    expect(wrapper.get("[data-testid=detected-layout]").text()).toContain("网购评论");
    expect(wrapper.findAll("[data-testid=preview-table] tbody tr[data-row]")).toHaveLength(3);
    expect(wrapper.get("[data-testid=preview-table]").text()).toContain("只计入统计");
    expect(wrapper.get("[data-testid=warnings]").text()).toContain("导入时间");
    expect(wrapper.get("[data-testid=count-new]").text()).toContain("600");
    const rejected = wrapper.get("[data-testid=counts] [data-testid=rejected]");
    expect(rejected.get("tr[data-row='7']").text()).toContain("评分无法识别");
    expect(wrapper.get("[data-testid=start-import]").text()).toContain("600 个新案例");

    await wrapper.get("[data-testid=start-import]").trigger("click");
    await flushPromises();
    const real = calls("start_import").at(-1)!;
    expect((real.args.options as ImportOptions).dry_run).toBe(false);
    expect(wrapper.get("[data-testid=report-title]").text()).toBe("导入完成");
    expect(wrapper.get("[data-testid=report] [data-testid=count-new]").text()).toContain("600");

    await wrapper.get("[data-testid=open-inbox]").trigger("click");
    expect(events).toEqual([{ filter: { statuses: ["new"], platforms: ["other"], sort: "updated_at", descending: true } }]);

    await wrapper.get("[data-testid=import-another]").trigger("click");
    await flushPromises();
    expect(wrapper.find("[data-testid=drop-zone]").exists()).toBe(true);
    wrapper.unmount();
  });

  it("opens a file dropped on the window", async () => {
    const { wrapper } = mountView();
    await flushPromises();
    ipc.drop?.({ payload: { type: "enter", paths: ["/x/a.csv"], position: { x: 0, y: 0 } } });
    await flushPromises();
    expect(wrapper.get("[data-testid=drop-zone]").classes()).toContain("over");
    ipc.drop?.({ payload: { type: "drop", paths: ["/x/a.csv", "/x/b.csv"], position: { x: 0, y: 0 } } });
    await flushPromises();
    expect(calls("preview_import")[0].args.path).toBe("/x/a.csv");
    expect(wrapper.get("[data-testid=file-name]").text()).toBe("a.csv");
    wrapper.unmount();
  });

  it("says in words why a file cannot be read, and opens the mapping editor when needed", async () => {
    ipc.handlers.preview_import = () => {
      throw { code: "intake.binary_file", message: "binary" };
    };
    const { wrapper } = mountView();
    await flushPromises();
    await wrapper.get("[data-testid=path-input] input").setValue("/x/photo.png");
    await wrapper.get("[data-testid=path-open]").trigger("click");
    await flushPromises();
    expect(wrapper.get("[data-testid=import-error]").text()).toContain("这不是表格文件");
    expect(wrapper.get("[data-testid=start-import]").attributes("disabled")).toBeDefined();

    ipc.handlers.preview_import = () => preview({ mapping_errors: ["mapping.no_rating"], mapping_source: "explicit" });
    await wrapper.get("[data-testid=choose-another]").trigger("click");
    await flushPromises();
    await wrapper.get("[data-testid=path-input] input").setValue("/x/odd.csv");
    await wrapper.get("[data-testid=path-open]").trigger("click");
    await flushPromises();
    expect(wrapper.get("[data-testid=mapping-problems]").text()).toContain("请指定哪一列是评分");
    expect(wrapper.find("[data-testid=mapping-editor]").exists()).toBe(true);
    expect(calls("start_import")).toHaveLength(0);
    wrapper.unmount();
  });
});

describe("paste", () => {
  it("reads pasted text, marks uncertain fields, and creates the case", async () => {
    vi.useFakeTimers();
    ipc.handlers.parse_paste = () => pasted();
    ipc.handlers.create_from_paste = (args) => ({ id: 42, ...(args.input as NewCase) });
    const { wrapper, events } = mountView();
    await flushPromises();
    await wrapper.get("[data-testid=tab-paste]").trigger("click");
    await wrapper.get("[data-testid=paste-text] textarea").setValue("买家：t***1\n★☆☆☆☆\n宝贝：加厚保温杯 500ml\n质量太差了，用了两天就漏水");
    await vi.advanceTimersByTimeAsync(300);
    vi.useRealTimers();
    await flushPromises();

    expect(calls("parse_paste")).toHaveLength(1);
    expect(wrapper.get("[data-testid=paste-field-platform]").text()).toContain("把握 50%");
    expect(wrapper.find("[data-testid=paste-field-platform] .n-base-selection--error-status").exists()).toBe(true);
    expect(wrapper.find("[data-testid=paste-field-review_text] .n-input--warning-status").exists()).toBe(true);
    expect(wrapper.find("[data-testid=paste-field-product] .n-input--warning-status").exists()).toBe(false);
    expect(wrapper.get("[data-testid=paste-field-follow_up_text]").text()).toContain("未识别");
    expect((wrapper.get("[data-testid=paste-field-product] input").element as HTMLInputElement).value).toBe("加厚保温杯 500ml");

    await wrapper.get("[data-testid=paste-field-product] input").setValue("加厚保温杯 500ml 黑色");
    expect(wrapper.get("[data-testid=paste-field-product]").text()).toContain("已核对");

    await wrapper.get("[data-testid=paste-create]").trigger("click");
    await flushPromises();
    const sent = calls("create_from_paste")[0].args.input as NewCase;
    expect(sent.product).toBe("加厚保温杯 500ml 黑色");
    expect(sent.platform).toBe("taobao");
    expect(sent.stars).toBe(1);
    expect(sent.review_time).toBe("2024-05-03T06:22:10.000Z");
    expect(sent.follow_up_text).toBe("");
    expect(events).toEqual([{ caseId: 42 }]);
    wrapper.unmount();
  });

  it("shows a refused field next to the field", async () => {
    vi.useFakeTimers();
    ipc.handlers.parse_paste = () => ({ ...pasted(), stars: null });
    ipc.handlers.create_from_paste = () => {
      throw { code: "validation.stars_range", message: "stars", field: "stars" };
    };
    const { wrapper, events } = mountView();
    await flushPromises();
    await wrapper.get("[data-testid=tab-paste]").trigger("click");
    await wrapper.get("[data-testid=paste-text] textarea").setValue("质量太差了");
    await vi.advanceTimersByTimeAsync(300);
    vi.useRealTimers();
    await flushPromises();
    await wrapper.get("[data-testid=paste-create]").trigger("click");
    await flushPromises();
    expect(wrapper.get("[data-testid=paste-field-stars]").text()).toContain("星级必须是 1 到 5");
    expect(events).toEqual([]);
    wrapper.unmount();
  });
});
