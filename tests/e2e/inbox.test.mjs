// The foundation, through the real window: add a case with the form, find it by a Chinese
// substring, move it along the status flow, restart the app and see it still there.
import { test, before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Session } from "./webdriver.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const DRIVER = process.env.WEBDRIVER_URL ?? "http://127.0.0.1:4444";
const APP = process.env.HAOPING_APP;
const SHOTS = process.env.E2E_ARTIFACTS ?? "tests/e2e/artifacts";
if (!APP) throw new Error("HAOPING_APP must name the app binary");

let s;
const rows = "[data-testid=case-table] tbody tr[data-case-id]";

before(async () => {
  s = await Session.start(DRIVER, APP);
  await s.waitFor("[data-testid=nav]", { timeout: 30000 });
});

// Every test leaves a picture of the window, which is what to look at when one fails.
let shots = 0;
afterEach(async (t) => {
  if (s) await s.screenshot(join(SHOTS, "steps", `${String(++shots).padStart(2, "0")}-${t.name.slice(0, 40).replace(/[^\w]+/g, "-")}.png`)).catch(() => {});
});

after(async () => {
  if (s) await s.end().catch(() => {});
});

test("an empty database shows what to do next", async () => {
  await s.click("[data-testid=nav-inbox]"); // the app starts on Today
  const empty = await s.textOf("[data-testid=empty]");
  assert.match(empty, /还没有差评案例/);
  assert.match(empty, /加载示例店铺/);
  const shot = await s.screenshot(join(SHOTS, "01-empty-inbox.png"));
  console.log(`screenshot: ${shot}`);
});

test("quick-add refuses a case without review text and names the field", async () => {
  await s.click("[data-testid=new-case]");
  await s.waitForDialog("[data-testid=add-modal]");
  await sleep(400); // let the dialog finish opening before typing into it
  await s.type("[data-testid=add-product] input", "不锈钢电热水壶 1.7L");
  await s.click("[data-testid=add-submit]");
  await s.waitFor("[data-testid=add-modal]", { text: "请填写「评价内容」" });
});

test("quick-add creates a case that appears in the inbox", async () => {
  await s.type("[data-testid=add-buyer] input", "测试买家小周");
  await s.type("[data-testid=add-order] input", "E2E20261123001");
  await s.type("[data-testid=add-phone] input", "13812345678");
  await s.type("[data-testid=add-review] textarea", "烧水时壶底一直漏水，质量太差了，希望尽快处理");
  await s.click("[data-testid=add-submit]");
  await s.waitFor("[data-testid=detail-review]", { text: "壶底一直漏水" });
  await s.waitFor("[data-testid=total]", { text: "共 1 条" });
  assert.equal(await s.count(rows), 1);
  const row = await s.contentOf(rows);
  assert.match(row, /电热水壶/);
  assert.match(row, /测试买家小周/);
  assert.match(row, /质量问题/, "triage labels the cause");
  // The list masks the phone; the detail (for calling) shows it.
  assert.match(await s.textOf("[data-testid=case-detail]"), /13812345678/);
});

test("a two-character Chinese search finds it, a miss shows the filtered empty state", async () => {
  await s.type("[data-testid=search] input", "质量");
  await s.waitFor("[data-testid=total]", { text: "共 1 条" });
  assert.match(await s.contentOf(rows), /电热水壶/);
  await s.clear("[data-testid=search] input");
  await s.type("[data-testid=search] input", "发错货");
  await s.waitFor("[data-testid=empty]", { text: "没有符合条件的案例" });
  await s.clear("[data-testid=search] input");
  await s.type("[data-testid=search] input", "漏水");
  await s.waitFor("[data-testid=total]", { text: "共 1 条" });
});

test("the export starts from the list's own filters and masks the phone", async () => {
  await s.click("[data-testid=inbox-export]");
  await s.waitFor("[data-testid=export-dialog]");
  assert.equal(await s.exec(`return document.querySelector("[data-testid=export-query] input").value;`), "漏水");
  await s.waitFor("[data-testid=export-matching]", { text: "符合条件：1 个案例" });
  await s.click("[data-testid=export-format] [data-format=csv]");
  const out = join(mkdtempSync(join(tmpdir(), "haoping-inbox-")), "cases.csv");
  await s.exec(
    `const el = document.querySelector("[data-testid=export-path] input");
     el.value = arguments[0];
     el.dispatchEvent(new Event("input", { bubbles: true }));`,
    out,
  );
  await sleep(200);
  await s.click("[data-testid=export-save]");
  await s.waitFor("[data-testid=export-saved]", { text: "已导出 1 个案例", timeout: 20000 });
  const csv = readFileSync(out, "utf8");
  assert.match(csv, /壶底一直漏水/);
  assert.match(csv, /138\*{6}78/, "the phone is masked");
  assert.doesNotMatch(csv, /13812345678/);
  await s.exec(`document.querySelector("[data-testid=export-dialog] .n-base-close").click();`);
  await s.waitUntil(async () => (await s.count("[data-testid=export-dialog]")) === 0, "the dialog to close");
});

test("the status moves along the flow and the history records it", async () => {
  await s.click("[data-testid=move-status]");
  await s.click("[data-status=contacting]");
  await s.waitFor("[data-testid=detail-status]", { text: "联系中" });
  const history = await s.textOf("[data-testid=history]");
  assert.match(history, /状态变更/);
  assert.match(history, /新差评 → 联系中/);
  assert.match(history, /创建案例/);
  const shot = await s.screenshot(join(SHOTS, "02-inbox-with-case.png"));
  console.log(`screenshot: ${shot}`);
});

test("after a restart the case and its history are still there", async () => {
  await s.end();
  s = await Session.start(DRIVER, APP);
  await s.waitFor("[data-testid=nav-inbox]", { timeout: 30000 });
  await s.click("[data-testid=nav-inbox]");
  await s.waitFor("[data-testid=total]", { text: "共 1 条", timeout: 30000 });
  await s.waitFor("[data-testid=detail-status]", { text: "联系中" });
  const history = await s.textOf("[data-testid=history]");
  assert.match(history, /新差评 → 联系中/);
  assert.match(history, /创建案例/);
});

test("English can be chosen in settings and is kept across a restart", async () => {
  await s.click("[data-testid=nav-settings]");
  await s.click("[data-testid=lang-en]");
  await s.click("[data-testid=save-settings]");
  await s.waitFor("[data-testid=nav]", { text: "Inbox" });
  await s.end();
  s = await Session.start(DRIVER, APP);
  await s.waitFor("[data-testid=nav]", { text: "Inbox", timeout: 30000 });
  await s.click("[data-testid=nav-inbox]");
  await s.waitFor("[data-testid=total]", { text: "1 case" });
  await s.waitFor("[data-testid=detail-status]", { text: "Contacting" });
  await sleep(500); // the window fades in after a restart
  const shot = await s.screenshot(join(SHOTS, "03-inbox-english.png"));
  console.log(`screenshot: ${shot}`);
});
