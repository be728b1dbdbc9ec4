import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { defineComponent, h } from "vue";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { NMessageProvider } from "naive-ui";
import type { Case, ContactAttempt, NewContact } from "../../bindings";
import { i18n } from "../../i18n";
import { item } from "./testdata";

vi.mock("../../api/ipc", async (orig) => ({ ...(await orig<typeof import("../../api/ipc")>()), call: vi.fn() }));
import { call, IpcError } from "../../api/ipc";
import CaseFollowupTab from "./CaseFollowupTab.vue";

const mocked = vi.mocked(call);
const theCase = { id: 12, status: "new", updated_at: "2026-11-22T01:00:00Z", product: "电热水壶" } as unknown as Case;

let calls: { cmd: string; args: Record<string, unknown> | undefined }[];
let contacts: ContactAttempt[];
let reminders: ReturnType<typeof item>[];
let rejectNext: IpcError | null;

// 18:00–20:00 in New York, far from the owner's own evening.
const nyWindow = {
  start: "2026-11-23T23:00:00Z",
  end: "2026-11-24T01:00:00Z",
  tz: "America/New_York",
  local_date: "2026-11-23",
  local_start: "18:00",
  local_end: "20:00",
};

beforeEach(() => {
  // The suggested call-back time depends on the clock; fake timeouts keep the toasts'
  // hide timers from outliving the test environment.
  vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout"] });
  vi.setSystemTime(new Date("2026-11-23T04:00:00Z"));
  i18n.global.locale.value = "zh-CN";
  calls = [];
  rejectNext = null;
  contacts = [
    {
      id: 1,
      case_id: 12,
      at: "2026-11-22T02:00:00Z",
      channel: "platform_im",
      outcome: "no_answer",
      note: "旺旺留言，未读",
      call_back_at: null,
      agreed_update_at: null,
      actor: "店主",
    },
  ];
  reminders = [item(7, { case_id: 12, kind: "escalate_phone", reason: { code: "escalate_phone", params: {}, zh: "旺旺 2 天没回复：改打电话", en: "No reply on chat for 2 days: call" } })];
  mocked.mockImplementation(async (cmd: string, args?: Record<string, unknown>) => {
    calls.push({ cmd, args });
    switch (cmd) {
      case "list_contacts":
        return structuredClone(contacts);
      case "case_reminders":
        return structuredClone(reminders);
      case "case_call_window":
        return nyWindow;
      case "log_contact": {
        if (rejectNext) throw rejectNext;
        const input = args?.input as NewContact;
        const saved: ContactAttempt = {
          id: contacts.length + 1,
          case_id: input.case_id,
          at: input.at ?? "2026-11-23T04:00:00Z",
          channel: input.channel,
          outcome: input.outcome,
          note: input.note,
          call_back_at: input.call_back_at,
          agreed_update_at: input.agreed_update_at,
          actor: "店主",
        };
        contacts.push(saved);
        reminders = [];
        return saved;
      }
      case "snooze_reminder":
        return { ...reminders[0], snoozed_until: "2026-11-23T05:00:00Z" };
      case "dismiss_reminder":
        reminders = [];
        return item(7);
      default:
        throw new Error(`unexpected ${cmd}`);
    }
  });
});

const mounted: VueWrapper[] = [];
afterEach(() => {
  for (const w of mounted.splice(0)) w.unmount();
  vi.useRealTimers();
  document.body.innerHTML = "";
});

async function mountTab(): Promise<{ wrapper: VueWrapper; tab: () => VueWrapper }> {
  const Host = defineComponent({
    setup: () => () => h(NMessageProvider, null, () => h(CaseFollowupTab, { caseId: 12, case: theCase })),
  });
  const wrapper = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body });
  mounted.push(wrapper);
  await flushPromises();
  return { wrapper, tab: () => wrapper.findComponent(CaseFollowupTab) as VueWrapper };
}

const click = async (css: string) => {
  (document.querySelector(css) as HTMLElement).click();
  await flushPromises();
};

describe("the case's follow-up tab", { timeout: 30000 }, () => {
  it("shows the buyer's window in their zone, the reminders and the contact log", async () => {
    const { wrapper } = await mountTab();
    const win = wrapper.find("[data-testid=case-window]").text();
    expect(win).toContain("18:00–20:00");
    expect(win).toContain("America/New_York");
    expect(wrapper.find("[data-testid=case-reminders]").text()).toContain("旺旺 2 天没回复：改打电话");
    const log = wrapper.find("[data-testid=contact-log]").text();
    expect(log).toContain("平台聊天");
    expect(log).toContain("没接通/没回复");
    expect(log).toContain("旺旺留言，未读");
  });

  it("logs a call in one click: phone, now, the outcome picked", async () => {
    const { wrapper, tab } = await mountTab();
    await wrapper.find("[data-testid=log-call]").trigger("click");
    await flushPromises();
    await click("[data-testid=quick-outcome-replied]");
    const input = calls.find((c) => c.cmd === "log_contact")?.args?.input;
    expect(input).toEqual({ case_id: 12, channel: "phone", outcome: "replied", note: null, at: null, call_back_at: null, agreed_update_at: null });
    expect(tab().emitted("changed")).toHaveLength(1);
    expect(wrapper.findAll("[data-testid=contact-log] tr[data-contact-id]")).toHaveLength(2);
    expect(wrapper.find("[data-testid=contact-log]").text()).toContain("已回复");
    expect(wrapper.text()).toContain("这个案例现在没有待办提醒");
  });

  it("asks when to call back before logging 'call later', suggesting the buyer's next window", async () => {
    const { wrapper } = await mountTab();
    await wrapper.find("[data-testid=log-call]").trigger("click");
    await flushPromises();
    await click("[data-testid=quick-outcome-call_later]");
    expect(calls.some((c) => c.cmd === "log_contact")).toBe(false);
    expect(document.querySelector("[data-testid=quick-time]")).not.toBeNull();
    await click("[data-testid=quick-save]");
    const input = calls.find((c) => c.cmd === "log_contact")?.args?.input as NewContact;
    expect(input.outcome).toBe("call_later");
    expect(input.call_back_at).toBe("2026-11-23T23:00:00.000Z");
  });

  it("the full form sends channel, outcome, note and the agreed time, and shows the core's error by the field", async () => {
    const { wrapper } = await mountTab();
    await wrapper.find("[data-testid=log-full]").trigger("click");
    await flushPromises();
    const form = wrapper.find("[data-testid=contact-form]");
    expect(form.find("[data-testid=contact-agreed-at]").exists()).toBe(false);
    await form.find("[data-outcome=agreed]").trigger("click");
    await flushPromises();
    expect(form.find("[data-testid=contact-agreed-at]").exists()).toBe(true);
    expect(form.find("[data-testid=contact-callback-at]").exists()).toBe(false);
    await form.find("[data-testid=contact-note] textarea").setValue("答应今晚改成好评");

    rejectNext = new IpcError({ code: "validation.too_far", message: "is more than a year ahead", field: "agreed_update_at" });
    await form.find("[data-testid=contact-submit]").trigger("click");
    await flushPromises();
    expect(form.text()).toContain("「买家答应改评的时间」超过一年后了，请检查");

    rejectNext = null;
    await form.find("[data-testid=contact-submit]").trigger("click");
    await flushPromises();
    const input = calls.filter((c) => c.cmd === "log_contact").at(-1)?.args?.input as NewContact;
    expect(input).toMatchObject({ case_id: 12, channel: "phone", outcome: "agreed", note: "答应今晚改成好评", call_back_at: null });
    expect(input.agreed_update_at).not.toBeNull();
    expect(wrapper.find("[data-testid=contact-form]").exists()).toBe(false);
  });

  it("snoozes and dismisses the case's reminders", async () => {
    const { wrapper } = await mountTab();
    await wrapper.find("[data-testid=case-reminders] [data-action=dismiss]").trigger("click");
    await flushPromises();
    expect(calls.find((c) => c.cmd === "dismiss_reminder")?.args).toEqual({ id: 7 });
    expect(wrapper.text()).toContain("这个案例现在没有待办提醒");
  });
});
