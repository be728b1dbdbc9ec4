import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { KeepAlive, defineComponent, h, nextTick, ref } from "vue";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { NMessageProvider } from "naive-ui";
import type { DueItem, FiredBatch, TodayView as Today } from "../../bindings";
import { i18n } from "../../i18n";
import { item, view } from "./testdata";

vi.mock("../../api/ipc", async (orig) => ({ ...(await orig<typeof import("../../api/ipc")>()), call: vi.fn() }));
const listeners = new Map<string, (e: { payload: unknown }) => void>();
vi.mock("@tauri-apps/api/event", () => ({
  listen: vi.fn(async (name: string, handler: (e: { payload: unknown }) => void) => {
    listeners.set(name, handler);
    return () => listeners.delete(name);
  }),
}));
import { call } from "../../api/ipc";
import TodayView from "./TodayView.vue";
import { boot, resetBoot } from "../../store";
// Loaded by the screen when first opened; loaded here up front so the test's key press
// finds it without waiting on the module loader.
import "./LogCallModal.vue";

const mocked = vi.mocked(call);
let calls: { cmd: string; args: Record<string, unknown> | undefined }[];
let today: Today;
let caseTotal: number;
/** Every reminder of a section, where the view holds only its top. */
let full: Partial<Record<"due_now" | "in_window" | "overdue" | "coming_up", DueItem[]>>;

const window12 = {
  start: "2026-11-23T04:00:00Z",
  end: "2026-11-23T05:00:00Z",
  tz: "Asia/Shanghai",
  local_date: "2026-11-23",
  local_start: "12:00",
  local_end: "13:00",
};

function demoToday(): Today {
  const dueNow = [item(1, { kind: "promise_due", product: "保温杯", reason: { code: "promise_due.remedy", params: {}, zh: "答应的退款今天到期", en: "The promised refund is due today" } })];
  const inWindow = [item(2, { window: window12, product: "电热水壶", buyer_nick: "小周" }), item(3, { kind: "escalate_phone", product: "台灯" })];
  const overdue = [item(4, { kind: "first_response", late_at: "2026-11-22T04:00:00Z", due: "2026-11-22T04:00:00Z", status: "new" })];
  const comingUp = [item(5, { kind: "revisit", due: "2026-11-23T09:00:00Z", late_at: "2026-11-24T09:00:00Z" })];
  return view({
    due_now: dueNow,
    in_window: inWindow,
    overdue,
    coming_up: comingUp,
    counts: { due_now: 1, in_window: 2, overdue: 1, coming_up: 1, snoozed: 0, backlog: 0, tooltip_zh: "", tooltip_en: "" },
    current_window: window12,
    next_window: { ...window12, start: "2026-11-23T10:00:00Z", end: "2026-11-23T12:00:00Z", local_start: "18:00", local_end: "20:00" },
  });
}

function remove(id: number) {
  for (const k of ["due_now", "in_window", "overdue", "coming_up"] as const) today[k] = today[k].filter((i) => i.id !== id);
}

beforeEach(() => {
  // Fake timers also keep the toasts' hide timers from outliving the test environment.
  vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "setTimeout", "clearTimeout"] });
  i18n.global.locale.value = "zh-CN";
  calls = [];
  listeners.clear();
  today = demoToday();
  caseTotal = 5;
  full = {};
  mocked.mockImplementation(async (cmd: string, args?: Record<string, unknown>) => {
    calls.push({ cmd, args });
    switch (cmd) {
      case "today":
        return structuredClone(today);
      case "snooze_reminder": {
        const it = [...today.in_window, ...today.due_now, ...today.overdue].find((i) => i.id === args?.id) as DueItem;
        remove(it.id);
        return { ...it, snoozed_until: "2026-11-23T05:00:00Z" };
      }
      case "dismiss_reminder":
        remove(args?.id as number);
        return item(args?.id as number);
      case "list_cases":
        return { total: caseTotal, items: [] };
      case "today_section": {
        // What the core does: the section's reminders narrowed by kind and product/buyer.
        const q = args?.query as { section: "due_now" | "in_window" | "overdue" | "coming_up"; kinds: string[]; query: string; offset: number; limit: number };
        const all = (full[q.section] ?? today[q.section]).filter(
          (i) => (q.kinds.length === 0 || q.kinds.includes(i.kind)) && (q.query === "" || i.product.includes(q.query) || (i.buyer_nick ?? "").includes(q.query)),
        );
        return { section: q.section, total: all.length, items: all.slice(q.offset, q.offset + (q.limit || 5)) };
      }
      case "load_demo":
        today = demoToday();
        caseTotal = 50;
        return 50;
      case "log_contact":
        return { id: 1, case_id: (args?.input as { case_id: number }).case_id, at: "2026-11-23T04:10:00Z", channel: "phone", outcome: "replied", note: null, call_back_at: null, agreed_update_at: null, actor: "店主" };
      default:
        throw new Error(`unexpected ${cmd}`);
    }
  });
});

const mounted: VueWrapper[] = [];
afterEach(() => {
  // Unmounting removes the screen's window listeners, so tests do not hear each other.
  for (const w of mounted.splice(0)) w.unmount();
  vi.useRealTimers();
  document.body.innerHTML = "";
});

async function mountToday(): Promise<{ wrapper: VueWrapper; screen: () => VueWrapper }> {
  const Host = defineComponent({ setup: () => () => h(NMessageProvider, null, () => h(TodayView)) });
  const wrapper = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body });
  mounted.push(wrapper);
  await flushPromises();
  return { wrapper, screen: () => wrapper.findComponent(TodayView) as VueWrapper };
}

const press = async (key: string) => {
  window.dispatchEvent(new KeyboardEvent("keydown", { key }));
  await flushPromises();
};

const rowIds = (wrapper: VueWrapper, section: string) =>
  wrapper.findAll(`[data-testid=list-${section}] tr[data-reminder-id]`).map((r) => Number(r.attributes("data-reminder-id")));

// Mounting Naive UI tables is slow on a busy machine; the default 5 s is too tight.
describe("Today", { timeout: 30000 }, () => {
  it("lists each group with the case, the kind, the reason in the UI language and the window", async () => {
    const { wrapper } = await mountToday();
    expect(rowIds(wrapper, "due_now")).toEqual([1]);
    expect(rowIds(wrapper, "in_window")).toEqual([2, 3]);
    expect(rowIds(wrapper, "overdue")).toEqual([4]);
    expect(rowIds(wrapper, "coming_up")).toEqual([5]);
    const text = wrapper.text();
    expect(text).toContain("答应的退款今天到期");
    expect(text).toContain("兑现承诺");
    expect(text).toContain("电热水壶");
    expect(text).toContain("小周");
    expect(wrapper.find("[data-testid=window-line]").text()).toContain("12:00–13:00");
    expect(wrapper.find("[data-testid=next-window]").text()).toContain("18:00–20:00");
    expect(wrapper.find("[data-testid=today-shortcuts]").text()).toContain("L 记一次电话");

    i18n.global.locale.value = "en";
    await flushPromises();
    expect(wrapper.text()).toContain("The promised refund is due today");
    expect(wrapper.text()).toContain("Keep a promise");
  });

  it("sorts every group by a clicked column and filters by text", async () => {
    today.in_window = [item(2, { product: "电热水壶", due: "2026-11-23T04:05:00Z" }), item(3, { product: "台灯", due: "2026-11-23T04:30:00Z" })];
    const { wrapper } = await mountToday();
    expect(rowIds(wrapper, "in_window")).toEqual([2, 3]);
    const dueHeader = wrapper.findAll("[data-testid=list-in_window] th").find((th) => th.text().includes("时间"));
    await dueHeader?.trigger("click");
    await flushPromises();
    // The first click sorts latest first, the second earliest first.
    expect(rowIds(wrapper, "in_window")).toEqual([3, 2]);
    await dueHeader?.trigger("click");
    await flushPromises();
    expect(rowIds(wrapper, "in_window")).toEqual([2, 3]);
    await wrapper.find("[data-testid=today-filter] input").setValue("水壶");
    vi.advanceTimersByTime(250);
    await flushPromises();
    expect(rowIds(wrapper, "in_window")).toEqual([2]);
    expect(rowIds(wrapper, "due_now")).toEqual([]);
    // The filter is the core's: every section asked with it.
    const asked = calls.filter((c) => c.cmd === "today_section").map((c) => (c.args?.query as { query: string }).query);
    expect(asked).toEqual(["水壶", "水壶", "水壶", "水壶"]);
  });

  it("opens a case, snoozes and marks done from the row", async () => {
    const { wrapper, screen } = await mountToday();
    await wrapper.find("[data-reminder-id='2'] [data-action=open]").trigger("click");
    expect(screen().emitted("open-case")?.[0]).toEqual([{ caseId: 102 }]);

    await wrapper.find("[data-reminder-id='4'] [data-action=dismiss]").trigger("click");
    await flushPromises();
    expect(calls.find((c) => c.cmd === "dismiss_reminder")?.args).toEqual({ id: 4 });
    expect(rowIds(wrapper, "overdue")).toEqual([]);
  });

  it("works from the keyboard: J selects, S then 2 snoozes an hour, L logs a call, Enter opens", async () => {
    const { wrapper, screen } = await mountToday();
    await press("j");
    await press("j");
    expect(wrapper.find("tr.row-selected").attributes("data-reminder-id")).toBe("2");
    await press("s");
    await press("2");
    expect(calls.find((c) => c.cmd === "snooze_reminder")?.args).toEqual({ id: 2, how: "hour_1" });
    expect(rowIds(wrapper, "in_window")).toEqual([3]);
    // The selection moves on to the next row.
    expect(wrapper.find("tr.row-selected").attributes("data-reminder-id")).toBe("3");

    await press("k"); // up to the promise
    await press("Enter");
    expect(screen().emitted("open-case")?.at(-1)).toEqual([{ caseId: 101 }]);

    await press("l");
    await flushPromises();
    expect(document.querySelector("[data-testid=log-modal]")).not.toBeNull();
    (document.querySelector("[data-testid=quick-outcome-replied]") as HTMLElement).click();
    await flushPromises();
    const logged = calls.find((c) => c.cmd === "log_contact")?.args?.input;
    expect(logged).toMatchObject({ case_id: 101, channel: "phone", outcome: "replied", at: null });
  });

  it("refreshes every minute and when a batch fires, and highlights what fired", async () => {
    const { wrapper } = await mountToday();
    const loads = () => calls.filter((c) => c.cmd === "today").length;
    expect(loads()).toBe(1);
    vi.advanceTimersByTime(60_000);
    await flushPromises();
    expect(loads()).toBe(2);

    const batch: FiredBatch = {
      fired_at: "2026-11-23T04:10:00Z",
      total: 1,
      counts: [{ kind: "callback", count: 1 }],
      items: [item(3)],
      catch_up: false,
      summary_zh: "台灯：该回电了",
      summary_en: "Lamp: time to call back",
    };
    listeners.get("followup://fired")?.({ payload: batch });
    await flushPromises();
    expect(loads()).toBe(3);
    expect(wrapper.find("[data-testid=fired-banner]").text()).toContain("台灯：该回电了");
    expect(wrapper.find("[data-reminder-id='3']").classes()).toContain("row-fired");
    expect(wrapper.find("[data-reminder-id='2']").classes()).not.toContain("row-fired");

    listeners.get("followup://changed")?.({ payload: null });
    await flushPromises();
    expect(loads()).toBe(4);
    window.dispatchEvent(new Event("focus"));
    await flushPromises();
    expect(loads()).toBe(5);
  });

  it("does not refresh on the minute while the window is hidden, and does on coming back", async () => {
    await mountToday();
    const loads = () => calls.filter((c) => c.cmd === "today").length;
    const hidden = vi.spyOn(document, "visibilityState", "get").mockReturnValue("hidden");
    vi.advanceTimersByTime(5 * 60_000);
    await flushPromises();
    expect(loads()).toBe(1);
    hidden.mockReturnValue("visible");
    document.dispatchEvent(new Event("visibilitychange"));
    await flushPromises();
    expect(loads()).toBe(2);
    hidden.mockRestore();
  });

  it("kept alive behind another screen: no minute's refresh or keys while away, fresh rows on coming back", async () => {
    const shown = ref(true);
    // Another screen, and the shell's keep-alive around the one shown.
    const other = () => h("div", { "data-testid": "other" });
    const Host = () => h(NMessageProvider, null, () => h(KeepAlive, null, [shown.value ? h(TodayView) : h(other)]));
    const wrapper = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body });
    mounted.push(wrapper);
    await flushPromises();
    const loads = () => calls.filter((c) => c.cmd === "today").length;
    expect(loads()).toBe(1);
    const before = wrapper.find("[data-reminder-id='1']").element;

    shown.value = false;
    await nextTick();
    vi.advanceTimersByTime(5 * 60_000);
    window.dispatchEvent(new Event("focus"));
    await press("j");
    expect(loads()).toBe(1);

    // Elsewhere, a reminder was dealt with: Today shows it gone when it comes back, and the
    // rows that did not change are the very same elements.
    remove(4);
    today.counts.overdue = 0;
    shown.value = true;
    await flushPromises();
    expect(loads()).toBe(2);
    expect(rowIds(wrapper, "overdue")).toEqual([]);
    expect(rowIds(wrapper, "due_now")).toEqual([1]);
    expect(wrapper.find("[data-reminder-id='1']").element).toBe(before);
    vi.advanceTimersByTime(60_000);
    await flushPromises();
    expect(loads()).toBe(3);
  });

  it("uses the start-up read for its first load when the app has just started", async () => {
    const started = { ...today, now: new Date().toISOString() };
    mocked.mockImplementationOnce(async () => ({
      status: { error: null, db_path: "/tmp/h.db", dev: true },
      first_screen: { settings: { language: "zh-CN" }, today: started, has_cases: true },
    }));
    resetBoot();
    await boot();
    const { wrapper } = await mountToday();
    expect(calls.filter((c) => c.cmd === "today")).toHaveLength(0);
    expect(wrapper.find("[data-testid=today-counts]").exists()).toBe(true);
    // Once: the next load asks.
    window.dispatchEvent(new Event("focus"));
    await flushPromises();
    expect(calls.filter((c) => c.cmd === "today")).toHaveLength(1);
  });

  it("says what to do next when nothing is due, offering the import first and the demo shop second", async () => {
    today = view({ next_window: window12 });
    caseTotal = 0;
    const { wrapper, screen } = await mountToday();
    const empty = wrapper.find("[data-testid=today-empty]");
    expect(empty.text()).toContain("今天没有要跟进的事");
    const buttons = empty.findAll("button").map((b) => b.text());
    expect(buttons).toEqual(["导入差评", "加载示例店铺"]);
    await wrapper.find("[data-testid=today-import]").trigger("click");
    expect(screen().emitted("open-view")).toEqual([["intake"]]);
    await wrapper.find("[data-testid=load-demo]").trigger("click");
    await flushPromises();
    expect(calls.some((c) => c.cmd === "load_demo")).toBe(true);
    // The loaded cases are shown in the inbox.
    expect(screen().emitted("open-case")).toEqual([[{}]]);
  });

  it("with cases but nothing due, does not offer the demo", async () => {
    today = view();
    const { wrapper } = await mountToday();
    expect(wrapper.find("[data-testid=today-empty]").text()).toContain("有差评进来后");
    expect(wrapper.find("[data-testid=load-demo]").exists()).toBe(false);
  });

  it("shows the backlog as one item that opens the inbox filtered to it", async () => {
    today.backlog = {
      cases: 1545,
      reply_open: 3,
      first_closes: "2026-12-01T02:00:00Z",
      oldest_review: "2017-10-21T12:01:00Z",
      newest_review: "2019-02-03T06:22:10Z",
    };
    today.counts.backlog = 1545;
    const { wrapper, screen } = await mountToday();
    const item = wrapper.find("[data-testid=backlog-item]");
    expect(item.text()).toContain("1,545 条历史差评待分拣");
    expect(item.text()).toContain("2017-10-21 – 2019-02-03");
    expect(item.find("[data-testid=backlog-reply-open]").text()).toContain("3 条仍在平台回复期内");
    await item.find("[data-testid=backlog-open]").trigger("click");
    expect(screen().emitted("open-case")).toEqual([[{ filter: { backlog: true } }]]);
  });

  it("lists the top of a section and expands it page by page", async () => {
    full.overdue = Array.from({ length: 60 }, (_, i) => item(10 + i, { kind: "first_response" }));
    today.overdue = full.overdue.slice(0, 3);
    today.counts.overdue = 60;
    const { wrapper } = await mountToday();
    expect(rowIds(wrapper, "overdue")).toHaveLength(3);
    const more = () => wrapper.find("[data-testid=more-overdue]");
    expect(more().text()).toBe("显示全部 60 项");
    await more().trigger("click");
    await flushPromises();
    expect(rowIds(wrapper, "overdue")).toHaveLength(50);
    expect(more().text()).toBe("再显示 10 项");
    await more().trigger("click");
    await flushPromises();
    expect(rowIds(wrapper, "overdue")).toEqual(full.overdue.map((i) => i.id));
    expect(more().exists()).toBe(false);
    // A refresh keeps what is shown.
    await wrapper.find("[data-testid=today-refresh]").trigger("click");
    await flushPromises();
    expect(rowIds(wrapper, "overdue")).toHaveLength(60);
    await wrapper.find("[data-testid=less-overdue]").trigger("click");
    await flushPromises();
    expect(rowIds(wrapper, "overdue")).toHaveLength(3);
  });
});
