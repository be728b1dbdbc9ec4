import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { defineComponent, h, ref } from "vue";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { NMessageProvider } from "naive-ui";
import type { FollowupRules } from "../../bindings";
import { i18n } from "../../i18n";

vi.mock("../../api/ipc", async (orig) => ({ ...(await orig<typeof import("../../api/ipc")>()), call: vi.fn() }));
import { call } from "../../api/ipc";
import RulesDrawer from "./RulesDrawer.vue";

const mocked = vi.mocked(call);

function rules(over: Partial<FollowupRules> = {}): FollowupRules {
  return {
    first_response_hours: 48,
    first_response_warning_hours: 6,
    windows: [{ start: "09:00", end: "10:00" }],
    call_on_weekends: false,
    call_on_holidays: true,
    extra_holidays: [],
    default_tz: "Europe/Berlin",
    shop_zones: [],
    owner_tz: "Europe/Berlin",
    owner_day_start: "08:00",
    escalate_after_days: 5,
    revisit_after_days: 10,
    explanation_close_days: 30,
    explanation_warn_days: 3,
    appeal_close_days: 30,
    appeal_warn_days: 3,
    ...over,
  };
}

let calls: string[];
const mounted: VueWrapper[] = [];

beforeEach(() => {
  i18n.global.locale.value = "zh-CN";
  calls = [];
  mocked.mockImplementation(async (cmd: string) => {
    calls.push(cmd);
    switch (cmd) {
      case "get_followup_rules":
        return rules();
      // Deliberately unlike any value in the UI: the form must show what the core sends.
      case "default_followup_rules":
        return rules({ first_response_hours: 31, windows: [{ start: "12:00", end: "13:00" }] });
      default:
        throw new Error(`unexpected command ${cmd}`);
    }
  });
});

afterEach(() => {
  for (const w of mounted.splice(0)) w.unmount();
});

async function openDrawer(): Promise<void> {
  const show = ref(false);
  const Host = defineComponent({
    setup: () => () =>
      h(NMessageProvider, null, { default: () => h(RulesDrawer, { show: show.value, "onUpdate:show": (v: boolean) => (show.value = v) }) }),
  });
  mounted.push(mount(Host, { global: { plugins: [i18n] }, attachTo: document.body }));
  show.value = true;
  await flushPromises();
}

function hoursInput(): HTMLInputElement {
  return document.querySelector("[data-testid=rules-first-hours] input") as HTMLInputElement;
}

describe("rules drawer", () => {
  it("resets the form to the defaults the core sends, saving nothing", async () => {
    await openDrawer();
    expect(hoursInput().value).toBe("48");
    (document.querySelector("[data-testid=rules-reset]") as HTMLElement).click();
    await flushPromises();
    expect(calls).toEqual(["get_followup_rules", "default_followup_rules"]);
    expect(hoursInput().value).toBe("31");
    expect(calls).not.toContain("save_followup_rules");
  });
});
