import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { defineComponent, h } from "vue";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { NDialogProvider, NMessageProvider } from "naive-ui";
import type { Appeal, Case, CaseCost, Evidence, Owed, Promise as PromiseRow, Remedy, RemedyInput } from "../../bindings";
import { i18n } from "../../i18n";

vi.mock("../../api/ipc", async (orig) => ({ ...(await orig<typeof import("../../api/ipc")>()), call: vi.fn() }));
type DropHandler = (e: { payload: { type: string; paths?: string[]; position?: { x: number; y: number } } }) => void;
const drop: { handler: DropHandler | null } = { handler: null };
vi.mock("@tauri-apps/api/webview", () => ({
  getCurrentWebview: () => ({
    onDragDropEvent: async (h: DropHandler) => {
      drop.handler = h;
      return () => (drop.handler = null);
    },
  }),
}));
import { call, IpcError } from "../../api/ipc";
import RemediesTab from "./RemediesTab.vue";

const mocked = vi.mocked(call);

function theCase(over: Partial<Case> = {}): Case {
  return {
    id: 7,
    product: "电热水壶",
    platform: "taobao",
    primary_cause: "quality",
    causes: ["quality"],
    status: "negotiating",
    outcome: null,
    order_value_cents: 12900,
    ...over,
  } as unknown as Case;
}

function remedy(over: Partial<Remedy>): Remedy {
  return {
    id: 1,
    case_id: 7,
    kind: "partial_refund",
    status: "proposed",
    currency: "CNY",
    value_cents: 2000,
    cost_cents: 2000,
    cost_is_default: true,
    coupon_percent_bp: null,
    gift_item: null,
    quantity: null,
    unit_cost_cents: null,
    postage_payer: null,
    postage_cents: null,
    terms: "",
    note: "",
    reference: null,
    due_at: null,
    delivered_at: null,
    next_statuses: ["accepted", "delivered", "declined", "cancelled"],
    compliance_flags: [],
    compliance_match: null,
    overdue: false,
    created_at: "2026-11-20T04:00:00Z",
    updated_at: "2026-11-20T04:00:00Z",
    ...over,
  };
}

let remedies: Remedy[];
let promises: PromiseRow[];
let appeals: Appeal[];
let evidence: Evidence[];
let owed: Owed[];
let cost: CaseCost;
let calls: { cmd: string; args: Record<string, unknown> | undefined }[];

function preview(input: RemedyInput) {
  if (input.value.trim() !== "" && !/^\d+(\.\d{1,2})?$/.test(input.value.trim())) {
    throw new IpcError({ code: "validation.amount", message: "not an amount", field: "value" });
  }
  const value = Math.round(parseFloat(input.value || "0") * 100);
  const def = input.kind === "coupon" ? Math.round(value * 0.3) : value;
  const typed = input.cost.trim() ? Math.round(parseFloat(input.cost) * 100) : null;
  const flags = /好评.*返/.test(input.note) ? ["compliance.reward_for_positive_review"] : [];
  return {
    currency: "CNY",
    value_cents: value,
    cost_cents: typed ?? def,
    default_cost_cents: def,
    cost_is_default: typed === null,
    compliance_flags: flags,
    compliance_match: flags.length ? "好评返现" : null,
  };
}

beforeEach(() => {
  vi.useFakeTimers();
  i18n.global.locale.value = "zh-CN";
  calls = [];
  remedies = [];
  promises = [];
  appeals = [];
  evidence = [];
  owed = [];
  cost = { case_id: 7, amounts: [], remedies: 0, open_promises: 0, overdue: 0, flagged: false };
  mocked.mockImplementation(async (cmd: string, args?: Record<string, unknown>) => {
    calls.push({ cmd, args });
    switch (cmd) {
      case "list_remedies":
        return remedies;
      case "case_costs":
        return [cost];
      case "list_promises":
        return promises;
      case "list_appeals":
        return appeals;
      case "list_evidence":
        return evidence;
      case "case_resolution":
        return { case_id: 7, status: "negotiating", outcome: null, final_stars: null, closed_at: null };
      case "preview_remedy":
        return preview(args?.input as RemedyInput);
      case "add_remedy": {
        const p = preview(args?.input as RemedyInput);
        const r = remedy({ id: remedies.length + 1, kind: (args?.input as RemedyInput).kind ?? "other", value_cents: p.value_cents, cost_cents: p.cost_cents });
        remedies = [...remedies, r];
        return r;
      }
      case "set_remedy_status": {
        // Delivered, declined and cancelled are final: the core sends no further moves.
        remedies = remedies.map((r) => (r.id === args?.id ? { ...r, status: args?.status as Remedy["status"], next_statuses: [] } : r));
        return remedies.find((r) => r.id === args?.id);
      }
      case "add_promise":
        if (!(args?.input as { text: string }).text) throw new IpcError({ code: "validation.required", message: "say what", field: "text" });
        return { id: 9 };
      case "case_owed":
        return owed;
      case "close_case":
        return theCase({ status: "closed" });
      case "add_evidence": {
        const path = String(args?.path);
        if (path.includes("huge")) throw new IpcError({ code: "validation.file_too_large", message: "too big", field: "file" });
        const e: Evidence = {
          id: evidence.length + 1,
          appeal_id: 3,
          file_name: path.split("/").pop() ?? path,
          sha256: "ab".repeat(32),
          size_bytes: 2048,
          stored_path: "evidence/ab/x.png",
          media_type: "image/png",
          added_at: "2026-11-20T04:00:00Z",
        };
        evidence = [...evidence, e];
        return e;
      }
      default:
        throw new Error(`unexpected ${cmd}`);
    }
  });
});

afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = "";
});

async function mountTab(c: Case = theCase()): Promise<VueWrapper> {
  const Host = defineComponent({
    setup: () => () => h(NMessageProvider, null, () => h(NDialogProvider, null, () => h(RemediesTab, { caseId: 7, case: c }))),
  });
  const wrapper = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body });
  await flushPromises();
  return wrapper;
}

async function settle() {
  await vi.advanceTimersByTimeAsync(300);
  await flushPromises();
}

describe("remedies tab", () => {
  it("shows the case's cost, each remedy with its status, and only the moves the core sends", async () => {
    remedies = [
      remedy({ id: 1, reference: "TK42", due_at: "2026-11-19T00:00:00Z", overdue: true }),
      remedy({ id: 2, kind: "coupon", status: "delivered", value_cents: 1000, cost_cents: 300, delivered_at: "2026-11-20T05:00:00Z", next_statuses: [] }),
      remedy({ id: 3, status: "accepted", next_statuses: ["cancelled"] }),
    ];
    cost = { case_id: 7, amounts: [{ currency: "CNY", spent_cents: 300, pending_cents: 2000 }], remedies: 2, open_promises: 0, overdue: 1, flagged: false };
    const w = await mountTab();
    expect(w.find("[data-testid=case-spent]").text()).toBe("¥3.00");
    expect(w.find("[data-testid=case-pending]").text()).toBe("¥20.00");
    expect(w.find("[data-testid=case-overdue]").text()).toBe("1 项逾期");
    const rows = w.findAll("[data-testid=remedy-row]");
    expect(rows).toHaveLength(3);
    expect(rows[0].text()).toContain("部分退款");
    expect(rows[0].text()).toContain("TK42");
    expect(rows[0].find("[data-testid=remedy-overdue]").exists()).toBe(true);
    expect(rows[0].find("[data-testid=remedy-move-delivered]").exists()).toBe(true);
    expect(rows[0].find("[data-testid=remedy-move-accepted]").exists()).toBe(true);
    // Delivered is final: no moves at all.
    expect(rows[1].find("[data-testid=remedy-status]").text()).toBe("已发放");
    expect(rows[1].findAll("[data-testid^=remedy-move-]")).toHaveLength(0);
    // The buttons are the core's list, whatever the status.
    expect(rows[2].findAll("[data-testid^=remedy-move-]").map((b) => b.attributes("data-testid"))).toEqual(["remedy-move-cancelled"]);
    // Appeals are offered only on demand for an ordinary quality case.
    expect(w.find("[data-testid=show-appeals]").exists()).toBe(true);
    expect(w.find("[data-testid=evidence]").exists()).toBe(false);
  });

  it("highlights a compliance flag with its reason", async () => {
    remedies = [remedy({ compliance_flags: ["compliance.reward_for_positive_review"], compliance_match: "好评后返现", note: "好评后返现20" })];
    const w = await mountTab();
    const reason = w.find("[data-testid=remedy-flag-reason]");
    expect(reason.text()).toContain("诱导好评");
    expect(reason.text()).toContain("触发词：好评后返现");
  });

  it("records a coupon through the form: default cost shown, bad amount named at the field", async () => {
    const w = await mountTab();
    await w.find("[data-testid=add-remedy]").trigger("click");
    await settle();
    const form = w.findComponent({ name: "RemedyForm" });
    (form.vm as unknown as { form: RemedyInput }).form.kind = "coupon";
    await w.find("[data-testid=remedy-value] input").setValue("12.5.0");
    await settle();
    expect(w.find("[data-testid=remedy-form]").text()).toContain("「给买家的金额/价值」不是有效金额");
    await w.find("[data-testid=remedy-value] input").setValue("10");
    await settle();
    expect(w.find("[data-testid=remedy-form]").text()).not.toContain("不是有效金额");
    expect((w.find("[data-testid=remedy-cost] input").element as HTMLInputElement).placeholder).toBe("默认 ¥3.00");
    expect(w.find("[data-testid=remedy-form]").text()).toContain("约 30% 的使用率");
    expect(w.find("[data-testid=remedy-preview]").text()).toBe("给买家：¥10.00 · 店铺成本：¥3.00");
    await w.find("[data-testid=remedy-note] textarea").setValue("好评后返现");
    await settle();
    expect(w.find("[data-testid=remedy-form-flag]").text()).toContain("诱导好评");
    await w.find("[data-testid=remedy-note] textarea").setValue("");
    await settle();
    await w.find("[data-testid=remedy-save]").trigger("click");
    await settle();
    const add = calls.find((c) => c.cmd === "add_remedy");
    expect(add?.args).toMatchObject({ caseId: 7, input: { kind: "coupon", value: "10", cost: "" } });
    expect(w.find("[data-testid=remedy-form]").exists()).toBe(false);
    expect(w.findAll("[data-testid=remedy-row]")).toHaveLength(1);
    expect(w.emitted()).toBeDefined();
  });

  it("moves a remedy to delivered with its reference", async () => {
    remedies = [remedy({ id: 4 })];
    const w = await mountTab();
    await w.find("[data-testid=remedy-move-delivered]").trigger("click");
    await settle();
    const pop = document.querySelector("[data-testid=move-pop]");
    expect(pop).not.toBeNull();
    const input = document.querySelector("[data-testid=move-reference] input") as HTMLInputElement;
    input.value = "RF20261120";
    input.dispatchEvent(new Event("input"));
    await settle();
    (document.querySelector("[data-testid=move-confirm]") as HTMLElement).click();
    await settle();
    const move = calls.find((c) => c.cmd === "set_remedy_status");
    expect(move?.args).toEqual({ id: 4, status: "delivered", change: { reference: "RF20261120", note: "", delivered_at: null } });
    expect(w.find("[data-testid=remedy-status]").text()).toBe("已发放");
  });

  it("shows overdue promises in red and names a missing promise text", async () => {
    promises = [
      {
        id: 1,
        case_id: 7,
        text: "明天下午回电",
        due_at: "2026-11-19T08:00:00Z",
        status: "open",
        next_statuses: ["kept", "cancelled"],
        done_at: null,
        note: "",
        compliance_flags: [],
        compliance_match: null,
        overdue: true,
        created_at: "2026-11-18T08:00:00Z",
        updated_at: "2026-11-18T08:00:00Z",
      },
    ];
    const w = await mountTab();
    const row = w.find("[data-testid=promise-row]");
    expect(row.classes()).toContain("overdue");
    expect(row.find("[data-testid=promise-overdue]").text()).toBe("已逾期");
    expect(row.find("[data-testid=promise-due-at]").classes()).toContain("red");
    await w.find("[data-testid=promise-add]").trigger("click");
    await settle();
    expect(w.find("[data-testid=promise-error]").text()).toBe("请填写「承诺内容」");
  });

  it("closes the case with an outcome and final stars", async () => {
    const w = await mountTab();
    expect(w.find("[data-testid=close-case]").attributes("disabled")).toBeDefined();
    const outcome = w.findComponent({ name: "OutcomeSection" });
    (outcome.vm.$.setupState as { outcome: string; stars: number }).outcome = "review_revised";
    (outcome.vm.$.setupState as { outcome: string; stars: number }).stars = 4;
    await settle();
    await w.find("[data-testid=close-case]").trigger("click");
    await settle();
    expect(calls.find((c) => c.cmd === "close_case")?.args).toEqual({ caseId: 7, outcome: "review_revised", finalStars: 4, note: null });
  });

  it("asks before closing with a promise still open, naming it, and closes only when told", async () => {
    owed = [
      { case_id: 7, kind: "promise", ref_id: 9, label: "三天内补发配件", due_at: "2026-11-25T04:00:00Z" },
      { case_id: 7, kind: "remedy", ref_id: 1, label: "部分退款 ¥20.00", due_at: null },
    ];
    const w = await mountTab();
    const outcome = w.findComponent({ name: "OutcomeSection" });
    (outcome.vm.$.setupState as { outcome: string }).outcome = "review_revised";
    await settle();
    await w.find("[data-testid=close-case]").trigger("click");
    await settle();
    const asked = document.querySelector("[data-testid=owed-confirm]");
    expect(asked?.textContent).toContain("承诺 · 三天内补发配件");
    expect(asked?.textContent).toContain("补偿 · 部分退款 ¥20.00 · 未定时间");
    expect(calls.some((c) => c.cmd === "close_case")).toBe(false);
    const go = [...document.querySelectorAll(".n-dialog button")].find((b) => b.textContent?.includes("仍然结案")) as HTMLElement;
    go.click();
    await settle();
    expect(calls.find((c) => c.cmd === "close_case")?.args).toMatchObject({ caseId: 7, outcome: "review_revised" });
  });

  it("attaches dropped evidence file by file on a malicious case", async () => {
    appeals = [
      {
        id: 3,
        case_id: 7,
        reason: "extortion",
        status: "draft",
        next_statuses: ["submitted", "withdrawn"],
        deadline_at: "2026-11-19T00:00:00Z",
        submitted_at: null,
        decided_at: null,
        reference: null,
        note: "买家要求返现 50 元才删评",
        outcome_note: "",
        evidence_count: 0,
        overdue: true,
        created_at: "2026-11-18T00:00:00Z",
        updated_at: "2026-11-18T00:00:00Z",
      },
    ];
    const w = await mountTab(theCase({ primary_cause: "malicious", causes: ["malicious"] }));
    expect(w.find("[data-testid=appeal-overdue]").text()).toBe("已过申诉截止时间");
    expect(w.find("[data-testid=appeal-move-submitted]").exists()).toBe(true);
    expect(w.find("[data-testid=appeal-move-accepted]").exists()).toBe(false);
    expect(drop.handler).not.toBeNull();
    drop.handler?.({ payload: { type: "drop", paths: ["/home/me/聊天截图.png", "/home/me/huge.mov"], position: { x: 0, y: 0 } } });
    await settle();
    const adds = calls.filter((c) => c.cmd === "add_evidence");
    expect(adds.map((c) => c.args)).toEqual([
      { appealId: 3, path: "/home/me/聊天截图.png" },
      { appealId: 3, path: "/home/me/huge.mov" },
    ]);
    const list = w.find("[data-testid=evidence-list]");
    expect(list.text()).toContain("聊天截图.png");
    expect(list.text()).toContain("2.0 KB");
    expect(list.text()).toContain("ababababab");
    expect(document.body.textContent).toContain("huge.mov：文件太大了");
  });
});
