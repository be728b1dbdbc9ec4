import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { defineComponent, h } from "vue";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { NDialogProvider, NMessageProvider } from "naive-ui";
import type { Case, CaseDetail, Owed } from "../bindings";
import { i18n } from "../i18n";

vi.mock("../api/ipc", async (orig) => ({ ...(await orig<typeof import("../api/ipc")>()), call: vi.fn() }));
import { call } from "../api/ipc";
import CaseDetailPane from "./CaseDetailPane.vue";

const mocked = vi.mocked(call);
let calls: { cmd: string; args: Record<string, unknown> | undefined }[];
let owed: Owed[];

function detail(): CaseDetail {
  const c = {
    id: 12,
    platform: "jd",
    shop: "暖居小铺",
    order_id: null,
    buyer_nick: "王芳",
    product: "电热水壶",
    stars: 1,
    review_text: "用了两天就漏水",
    review_time: "2018-03-01T02:00:00Z",
    has_photos: false,
    follow_up_text: null,
    seller_reply: null,
    primary_cause: "quality",
    causes: ["quality"],
    severity: 2,
    flags: [],
    triage_reasons: ["1 星评价"],
    labels_locked: false,
    status: "negotiating",
    outcome: null,
  } as unknown as Case;
  return {
    case: c,
    buyer_phone: null,
    reasons: [{ kind: "stars", cause: null, term: "1", zh: "1 星评价", en: "1-star review" }],
    history: [
      {
        id: 1,
        case_id: 12,
        at: "2026-11-20T04:00:00Z",
        actor: "店主",
        kind: "note",
        field: null,
        old_value: null,
        new_value: null,
        note: "买家在电话里说明天再看",
        detail: {},
      },
    ],
    next_statuses: ["resolved", "closed"],
  } as unknown as CaseDetail;
}

beforeEach(() => {
  i18n.global.locale.value = "zh-CN";
  calls = [];
  owed = [];
  mocked.mockImplementation(async (cmd: string, args?: Record<string, unknown>) => {
    calls.push({ cmd, args });
    switch (cmd) {
      case "get_case":
        return detail();
      case "get_case_triage":
        return detail().reasons;
      case "case_owed":
        return owed;
      case "set_case_status":
        return detail().case;
      default:
        throw new Error(`unexpected ${cmd}`);
    }
  });
});

const mounted: VueWrapper[] = [];
afterEach(() => {
  for (const w of mounted.splice(0)) w.unmount();
  document.body.innerHTML = "";
});

async function mountPane() {
  const Host = defineComponent({
    setup: () => () => h(NMessageProvider, null, () => h(NDialogProvider, null, () => h(CaseDetailPane, { caseId: 12 }))),
  });
  const w = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body });
  mounted.push(w);
  await flushPromises();
  return w;
}

async function pickStatus(status: string) {
  const w = mounted[0];
  await w.find("[data-testid=move-status]").trigger("click");
  await flushPromises();
  const item = [...document.querySelectorAll(".n-dropdown-option-body")].find((o) => o.textContent?.includes(status)) as HTMLElement;
  item.click();
  await flushPromises();
}

describe("case pane", { timeout: 30000 }, () => {
  it("shows triage reasons, history actors and dates in English when the window is English", async () => {
    i18n.global.locale.value = "en";
    const w = await mountPane();
    expect(w.find("[data-testid=triage-reasons]").text()).toContain("1-star review");
    expect(w.find("[data-testid=triage-reasons]").text()).not.toContain("星");
    const history = w.find(".n-timeline").text();
    expect(history).toContain("Owner");
    expect(history).not.toContain("店主");
    expect(history).toMatch(/2026-11-20 \d\d:00 · Owner/);
    // The buyer's own words stay as written.
    expect(w.find("[data-testid=detail-review]").text()).toBe("用了两天就漏水");
  });

  it("asks before resolving with a promise still open, and moves only when told", async () => {
    owed = [{ case_id: 12, kind: "promise", ref_id: 3, label: "三天内补发配件", due_at: null }];
    await mountPane();
    await pickStatus("已解决");
    expect(document.querySelector("[data-testid=owed-confirm]")?.textContent).toContain("承诺 · 三天内补发配件 · 未定时间");
    expect(calls.some((c) => c.cmd === "set_case_status")).toBe(false);
    const go = [...document.querySelectorAll(".n-dialog button")].find((b) => b.textContent?.includes("仍然标为")) as HTMLElement;
    go.click();
    await flushPromises();
    expect(calls.find((c) => c.cmd === "set_case_status")?.args).toMatchObject({ id: 12, status: "resolved" });
  });

  it("resolves at once when nothing is owed", async () => {
    await mountPane();
    await pickStatus("已解决");
    expect(document.querySelector("[data-testid=owed-confirm]")).toBeNull();
    expect(calls.some((c) => c.cmd === "set_case_status")).toBe(true);
  });
});
