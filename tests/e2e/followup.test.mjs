// Follow-up through the real window: the app opens on Today, the demo shop fills it,
// a reminder is snoozed, a case is opened from Today, a call is logged on its follow-up
// tab (the case moves to "contacting" and its first-reply reminder goes away), the
// reminder rules are edited, and the screens are seen in Chinese and English.
import { test, before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { Session } from "./webdriver.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const DRIVER = process.env.WEBDRIVER_URL ?? "http://127.0.0.1:4444";
const APP = process.env.HAOPING_APP;
const SHOTS = process.env.E2E_ARTIFACTS ?? "tests/e2e/artifacts";
if (!APP) throw new Error("HAOPING_APP must name the app binary");

let s;
const todayRows = "[data-testid=today] tr[data-reminder-id]";
const caseRows = "[data-testid=case-table] tbody tr[data-case-id]";

before(async () => {
  s = await Session.start(DRIVER, APP);
  await s.waitFor("[data-testid=nav]", { timeout: 30000 });
});

let shots = 0;
afterEach(async (t) => {
  if (s) await s.screenshot(join(SHOTS, "steps", `${String(++shots).padStart(2, "0")}-${t.name.slice(0, 40).replace(/[^\w]+/g, "-")}.png`)).catch(() => {});
});

after(async () => {
  if (s) await s.end().catch(() => {});
});

/** Attributes of the rows matching `css`, in screen order. */
const rowsOf = (css) =>
  s.exec(
    `return [...document.querySelectorAll(arguments[0])].map((r) => ({
       id: r.getAttribute("data-reminder-id"),
       caseId: r.getAttribute("data-case-id"),
       kind: r.getAttribute("data-kind"),
       status: r.getAttribute("data-status"),
       section: r.closest("[data-testid^=section-]")?.getAttribute("data-testid"),
     }));`,
    css,
  );

/** Clicks a reminder's "open case"; the row may sit below the fold of a long list. */
async function openReminder(id) {
  const css = `[data-reminder-id="${id}"] [data-action=open]`;
  await s.waitFor(css);
  await s.exec(`document.querySelector(arguments[0]).scrollIntoView({ block: "center" });`, css);
  await sleep(200);
  await s.click(css);
}

async function goToday() {
  await s.click("[data-testid=nav-today]");
  await s.waitFor("[data-testid=today]");
}

test("the app opens on Today, which says what to do with no cases yet", async () => {
  const empty = await s.textOf("[data-testid=today-empty]");
  assert.match(empty, /今天没有要跟进的事/);
  assert.match(empty, /加载示例店铺/);
  assert.match(await s.textOf("[data-testid=today-shortcuts]"), /L 记一次电话/);
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "01-today-empty.png"))}`);
});

test("after loading the demo shop, Today lists what is due with its counts and the next window", async () => {
  await s.click("[data-testid=load-demo]");
  await s.waitUntil(async () => (await s.count(caseRows)) > 0, "demo cases in the inbox", 30000);
  await goToday();
  await s.waitUntil(async () => (await s.count(todayRows)) > 0, "reminders on Today", 30000);
  const counts = await s.textOf("[data-testid=today-counts]");
  assert.match(counts, /现在要办/);
  assert.match(counts, /已逾期/);
  assert.match(await s.textOf("[data-testid=window-line]"), /通话时段/);
  const text = await s.textOf("[data-testid=today]");
  // Reasons arrive in the UI language, kinds are named, cases show their product.
  assert.match(text, /首次回复|回访|兑现承诺|回电/);
  assert.match(text, /打开案例/);
  await sleep(300);
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "02-today-zh.png"))}`);
});

test("a reminder snoozed for an hour leaves its group and waits in the next 24 hours", async () => {
  const rows = await rowsOf(todayRows);
  const target = rows.find((r) => r.section !== "section-coming_up");
  assert.ok(target, `a reminder due now or overdue: ${JSON.stringify(rows)}`);
  await s.click(`[data-reminder-id="${target.id}"] [data-action=snooze]`);
  await s.click("[data-snooze=hour_1]");
  await s.waitFor(`[data-testid=list-coming_up] [data-reminder-id="${target.id}"]`, { text: "推迟到" });
  const after = await rowsOf(`[data-reminder-id="${target.id}"]`);
  assert.deepEqual(
    after.map((r) => r.section),
    ["section-coming_up"],
  );
});

let opened;

test("a case opened from Today shows in the inbox; a call logged on its tab moves it to contacting", async () => {
  const rows = await rowsOf(todayRows);
  // A first-reply reminder of a new case: logging any contact answers it.
  opened = rows.find((r) => r.kind === "first_response" && r.status === "new") ?? rows.find((r) => r.status === "new");
  assert.ok(opened, `a reminder of a new case: ${JSON.stringify(rows)}`);
  await openReminder(opened.id);
  await s.waitFor("[data-testid=detail-status]", { text: "新差评" });
  assert.match(await s.textOf("[data-testid=case-detail] .title"), new RegExp(`#${opened.caseId}\\b`));

  await s.openCaseTab("followup");
  await s.waitFor("[data-testid=followup-tab]");
  await s.waitFor("[data-testid=case-window]", { text: "通话时段" });
  await s.waitFor("[data-testid=contact-log-empty]");
  await s.click("[data-testid=log-call]");
  await s.click("[data-testid=quick-outcome-no_answer]");
  await s.waitFor("[data-testid=contact-log]", { text: "没接通" });
  const log = await s.textOf("[data-testid=contact-log]");
  assert.match(log, /电话/);
  await s.waitFor("[data-testid=detail-status]", { text: "联系中" });
  await sleep(300);
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "03-case-followup-zh.png"))}`);
  // The case history records both the move and the contact.
  await s.openCaseTab("overview");
  await s.waitFor("[data-testid=history]", { text: "新差评 → 联系中" });
  await s.openCaseTab("followup");
  await s.waitFor("[data-testid=followup-tab]");
});

test("the full form logs a promised call-back, which becomes a reminder of the case", async () => {
  await s.click("[data-testid=log-full]");
  await s.waitFor("[data-testid=contact-form]");
  await s.click("[data-testid=contact-form] [data-outcome=call_later]");
  await s.waitFor("[data-testid=contact-callback-at]");
  await s.type("[data-testid=contact-note] textarea", "买家在上班，约了晚上再打");
  await sleep(300);
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "04-contact-form-zh.png"))}`);
  await s.click("[data-testid=contact-submit]");
  await s.waitFor("[data-testid=contact-log]", { text: "约了再打" });
  assert.match(await s.textOf("[data-testid=contact-log]"), /买家在上班/);
  await s.waitFor("[data-testid=case-reminders]", { text: "约定回电" });
});

test("back on Today the case's first-reply reminder is gone", async () => {
  await goToday();
  await s.click("[data-testid=today-refresh]");
  await sleep(500);
  const left = await rowsOf(`${todayRows}[data-case-id="${opened.caseId}"]`);
  assert.ok(!left.some((r) => r.kind === "first_response"), `still listed: ${JSON.stringify(left)}`);
});

test("the reminder rules open from Today; an added call window is kept", async () => {
  await s.click("[data-testid=open-rules]");
  await s.waitFor("[data-testid=rules-windows] [data-window]");
  await sleep(500); // the drawer slides in
  const before = await s.count("[data-testid=rules-windows] [data-window]");
  assert.equal(before, 2, "12:00–13:00 and 18:00–20:00 by default");
  await s.click("[data-testid=rules-add-window]");
  await sleep(400);
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "05-rules-zh.png"))}`);
  await s.click("[data-testid=rules-save]");
  await s.waitUntil(async () => (await s.count("[data-testid=rules-windows]")) === 0, "the drawer to close");
  await sleep(500);
  await s.click("[data-testid=open-rules]");
  await s.waitUntil(async () => (await s.count("[data-testid=rules-windows] [data-window]")) === 3, "three windows after saving");
  await sleep(500);
  await s.click("[data-testid=rules-cancel]");
  await s.waitUntil(async () => (await s.count("[data-testid=rules-windows]")) === 0, "the drawer to close");
});

test("in English, Today and the follow-up tab speak English", async () => {
  await s.click("[data-testid=nav-settings]");
  await s.click("[data-testid=lang-en]");
  await s.click("[data-testid=save-settings]");
  await s.waitFor("[data-testid=nav]", { text: "Today" });
  await goToday();
  await s.waitUntil(async () => (await s.count(todayRows)) > 0, "reminders on Today");
  await s.waitFor("[data-testid=today-counts]", { text: "Due now" });
  await s.waitFor("[data-testid=today-shortcuts]", { text: "L log a call" });
  await sleep(300);
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "06-today-en.png"))}`);

  const [first] = await rowsOf(`${todayRows}[data-case-id="${opened.caseId}"]`);
  const row = first ?? (await rowsOf(todayRows))[0];
  await openReminder(row.id);
  await s.waitFor("[data-testid=case-detail]");
  await s.openCaseTab("followup");
  await s.waitFor("[data-testid=followup-tab]", { text: "Log a call" });
  await sleep(300);
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "07-case-followup-en.png"))}`);
});
