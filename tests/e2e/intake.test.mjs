// Intake through the real window: a GBK export from Excel on Chinese Windows is previewed,
// counted, imported and found in the inbox; importing it again adds nothing; a big file
// shows its progress and can be cancelled without a trace; a pasted review becomes a case.
// The native file dialog cannot be driven, so the file goes through the path field, which
// runs the same preview and import commands as a chosen or dropped file.
import { test, before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Session } from "./webdriver.mjs";

const DRIVER = process.env.WEBDRIVER_URL ?? "http://127.0.0.1:4444";
const APP = process.env.HAOPING_APP;
const SHOTS = process.env.E2E_ARTIFACTS ?? "tests/e2e/artifacts";
if (!APP) throw new Error("HAOPING_APP must name the app binary");

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const DATA = resolve(ROOT, "../shared/data");
const GBK = join(DATA, "zh-online-shopping-neg600.gbk.csv");
const BIG = join(DATA, "zh-online-shopping-10-cats.csv");
for (const f of [GBK, BIG]) if (!existsSync(f)) throw new Error(`test data missing: ${f}`);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let s;

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

/** Types a path into the path field and opens it. */
async function openPath(path) {
  await s.waitFor("[data-testid=path-input] input");
  await s.clear("[data-testid=path-input] input");
  await s.type("[data-testid=path-input] input", path);
  await s.click("[data-testid=path-open]");
}

/** Back to choosing a file, from a report or a preview. */
/** Picks `label` for a column in the mapping editor's field select. */
async function mapColumn(index, label) {
  const select = `[data-testid=map-column-${index}] .n-base-selection`;
  await s.waitFor(select);
  await s.exec(`document.querySelector(arguments[0]).scrollIntoView({ block: "center" })`, select);
  await s.click(select);
  // Closed menus stay in the page, hidden: only the open one counts.
  const visibleOption = `[...document.querySelectorAll(".n-base-select-menu")]
    .filter((m) => m.offsetParent !== null)
    .flatMap((m) => [...m.querySelectorAll(".n-base-select-option")])
    .find((e) => e.textContent.trim() === arguments[0])`;
  await s.waitUntil(() => s.exec(`return !!(${visibleOption})`, label), `the option ${label}`);
  await s.exec(`(${visibleOption}).click()`, label);
  await s.click("[data-testid=file-name]"); // closes the menu
  await s.waitUntil(
    async () => (await s.exec(`return [...document.querySelectorAll(".n-base-select-menu")].filter((m) => m.offsetParent !== null).length`)) === 0,
    "the menu to close",
  );
}

/** A picture of the window once it has painted what the test just saw in the page. */
async function shot(name) {
  await sleep(600);
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, name))}`);
}

/** Puts text into the paste box the way a paste does: all at once. */
async function pasteText(text) {
  await s.waitFor("[data-testid=paste-text] textarea");
  await s.exec(
    `const el = document.querySelector("[data-testid=paste-text] textarea");
     el.focus();
     el.value = arguments[0];
     el.dispatchEvent(new Event("input", { bubbles: true }));`,
    text,
  );
}

async function startOver() {
  await s.waitFor("[data-testid=import-another], [data-testid=choose-another]");
  await s.exec(`document.querySelector("[data-testid=import-another], [data-testid=choose-another]").click()`);
  await s.waitFor("[data-testid=drop-zone]");
}

const countOf = async (css) => Number((await s.textOf(css)).replace(/[^\d]/g, ""));

test("the import screen says what to do", async () => {
  await s.click("[data-testid=nav-intake]");
  const zone = await s.textOf("[data-testid=drop-zone]");
  assert.match(zone, /把评价导出文件拖到这里/);
  assert.match(zone, /选择文件/);
  assert.match(zone, /或粘贴文件路径/);
  await shot("01-import-empty-zh.png");
});

test("a GBK export is previewed: encoding, layout, rows mapped, exact counts", async () => {
  await openPath(GBK);
  await s.waitFor("[data-testid=detected-encoding]", { text: "GBK", timeout: 30000 });
  const shown = await s.exec(`return document.querySelector("[data-testid=file-name]").textContent`);
  assert.match(shown, /zh-online-shopping-neg600\.gbk\.csv/);
  assert.match(await s.textOf("[data-testid=detected-layout]"), /自动识别/);
  const previewRows = await s.count("[data-testid=preview-table] tbody tr[data-outcome=case]");
  assert.equal(previewRows, 20, "the first 20 rows, all negative, become cases");
  assert.match(await s.textOf("[data-testid=preview-table]"), /根本就不是图的颜色/);
  assert.match(await s.textOf("[data-testid=warnings]"), /没有评价时间/);
  await s.waitFor("[data-testid=count-rows]", { text: "600", timeout: 60000 });
  assert.equal(await countOf("[data-testid=count-new]"), 600);
  assert.equal(await countOf("[data-testid=count-duplicates]"), 0);
  assert.equal(await countOf("[data-testid=count-rejected]"), 0);
  assert.match(await s.textOf("[data-testid=start-import]"), /600 个新案例/);
  await shot("02-preview-gbk-zh.png");
  await s.exec(`document.querySelector("[data-testid=counts]").scrollIntoView()`);
  await shot("02b-counts-gbk-zh.png");
});

test("importing it creates 600 cases and reports them", async () => {
  await s.click("[data-testid=start-import]");
  await s.waitFor("[data-testid=report-title]", { text: "导入完成", timeout: 120000 });
  assert.equal(await countOf("[data-testid=report] [data-testid=count-rows]"), 600);
  assert.equal(await countOf("[data-testid=report] [data-testid=count-new]"), 600);
  assert.equal(await countOf("[data-testid=report] [data-testid=count-duplicates]"), 0);
  await shot("03-report-zh.png");
});

test("the inbox holds the 600 cases and a search finds a phrase from the file", async () => {
  await s.click("[data-testid=open-inbox]");
  await s.waitFor("[data-testid=total]", { text: "共 600 条", timeout: 30000 });
  await s.click("[data-testid=nav-inbox]");
  await s.waitFor("[data-testid=search] input");
  await s.clear("[data-testid=search] input");
  await s.type("[data-testid=search] input", "卡梅拉");
  await s.waitFor("[data-testid=total]", { text: "共 1 条" });
  await s.waitUntil(async () => (await s.count("[data-testid=case-table] tbody tr[data-case-id]")) === 1, "one row");
  await s.exec(`document.querySelector("[data-testid=case-table] tbody tr[data-case-id]").click()`);
  await s.waitFor("[data-testid=detail-review]", { text: "卡梅拉在海里" });
  await s.clear("[data-testid=search] input");
  await s.type("[data-testid=search] input", "隔音");
  await s.waitFor("[data-testid=total]", { text: "共 5 条" });
  await s.clear("[data-testid=search] input");
  await s.waitFor("[data-testid=total]", { text: "共 600 条" });
});

test("importing the same file again adds nothing: 600 duplicates, 0 new", async () => {
  await s.click("[data-testid=nav-intake]");
  await startOver();
  await openPath(GBK);
  await s.waitFor("[data-testid=count-duplicates]", { text: "600", timeout: 60000 });
  assert.equal(await countOf("[data-testid=count-new]"), 0);
  await s.click("[data-testid=start-import]");
  await s.waitFor("[data-testid=report-title]", { timeout: 120000 });
  assert.equal(await countOf("[data-testid=report] [data-testid=count-new]"), 0);
  assert.equal(await countOf("[data-testid=report] [data-testid=count-duplicates]"), 600);
  assert.equal(await s.count("[data-testid=open-inbox]"), 0, "nothing new to open");
  await s.click("[data-testid=nav-inbox]");
  await s.waitFor("[data-testid=total]", { text: "共 600 条", timeout: 30000 });
});

test("a big import shows its progress and a cancel leaves the database as it was", async () => {
  await s.click("[data-testid=nav-intake]");
  await startOver();
  await openPath(BIG);
  await s.waitFor("[data-testid=detected-encoding]", { text: "UTF-8", timeout: 30000 });
  await s.click("[data-testid=start-import]");
  await s.waitFor("[data-testid=progress-text]", { text: /[1-9][\d,]* 行 · \d+%/, timeout: 60000 });
  assert.equal(await s.count("[data-testid=progress]"), 1);
  await shot("04-progress-zh.png");
  await s.click("[data-testid=cancel-import]");
  await s.waitFor("body", { text: "已取消，数据库没有任何改动", timeout: 60000 });
  await s.waitFor("[data-testid=start-import]");
  assert.equal(await s.count("[data-testid=report]"), 0);
  await s.click("[data-testid=nav-inbox]");
  await s.waitFor("[data-testid=total]", { text: "共 600 条", timeout: 30000 });
});

test("a pasted review is read, confirmed and becomes a case", async () => {
  await s.click("[data-testid=nav-intake]");
  await s.click("[data-testid=tab-paste]");
  const text = [
    "买家：小***鱼",
    "★☆☆☆☆",
    "2024-05-03 14:22:10",
    "宝贝：加厚不锈钢保温杯 500ml",
    "订单号：3721845590123456789",
    "颜色分类：黑色",
    "盖子拧紧了还是漏水，包里的书全湿了",
  ].join("\n");
  await pasteText(text);
  await s.waitUntil(
    async () => (await s.exec(`return document.querySelector("[data-testid=paste-field-product] input")?.value ?? ""`)).includes("保温杯"),
    "the product read from the paste",
  );
  const order = await s.exec(`return document.querySelector("[data-testid=paste-field-order_id] input").value`);
  assert.equal(order, "3721845590123456789");
  assert.match(await s.textOf("[data-testid=paste-field-order_id]"), /把握 90%/);
  assert.match(await s.textOf("[data-testid=paste-field-platform]"), /把握 50%/);
  await shot("05-paste-zh.png");
  await s.click("[data-testid=paste-create]");
  await s.waitFor("[data-testid=detail-review]", { text: "包里的书全湿了", timeout: 30000 });
  await s.waitFor("[data-testid=total]", { text: "共 601 条" });
  assert.match(await s.textOf("[data-testid=case-detail]"), /3721845590123456789/);
});

test("an unknown layout is mapped by hand, the rejected rows are listed, the mapping is remembered", async () => {
  const dir = mkdtempSync(join(tmpdir(), "haoping-e2e-"));
  const file = join(dir, "自定义导出.csv");
  writeFileSync(
    file,
    [
      "单号,打分,买家说,货品",
      "A1001,1,杯盖漏水，包里全湿了,保温杯",
      "A1002,2,快递太慢了，等了一周,保温杯",
      "A1003,很多,一般般,保温杯",
      "A1004,5,很好用,保温杯",
      "A1005,1,,保温杯",
    ].join("\r\n") + "\r\n",
  );
  await s.click("[data-testid=nav-intake]");
  await s.click("[data-testid=tab-file]");
  await startOver();
  await openPath(file);
  // 打分 is a known name for the rating; the review text (买家说) and the product (货品) are not.
  await s.waitFor("[data-testid=mapping-problems]", { text: "请指定哪一列是评价内容", timeout: 30000 });
  assert.doesNotMatch(await s.textOf("[data-testid=mapping-problems]"), /评分/);
  await s.waitFor("[data-testid=mapping-editor]");
  assert.equal(await s.count("[data-testid=suggested-note]"), 1);
  await mapColumn(0, "订单号");
  // Already suggested: picking it again would take it off.
  assert.match(await s.contentOf("[data-testid=map-column-1]"), /评分/);
  await mapColumn(2, "评价内容");
  await mapColumn(3, "商品");
  await s.waitUntil(async () => (await s.count("[data-testid=mapping-problems]")) === 0, "the mapping to be complete", 30000);
  await s.waitFor("[data-testid=count-rows]", { text: "5", timeout: 30000 });
  assert.equal(await countOf("[data-testid=count-new]"), 2);
  assert.equal(await countOf("[data-testid=count-stats]"), 1);
  assert.equal(await countOf("[data-testid=count-rejected]"), 2);
  const rejectedRow = (n) => s.textOf(`[data-testid=counts] [data-testid=rejected] tr[data-row="${n}"]`);
  assert.match(await rejectedRow(4), /评分无法识别/);
  assert.match(await rejectedRow(4), /打分/, "the column at fault");
  assert.match(await rejectedRow(6), /差评\/中评没有评价内容/);
  assert.match(await s.textOf("[data-testid=preview-table]"), /杯盖漏水/);
  await s.type("[data-testid=mapping-name] input", "自定义导出");
  await s.click("[data-testid=mapping-save]");
  await s.waitFor("[data-mapping=自定义导出]");
  await s.exec(`document.querySelector("[data-testid=mapping-editor]").scrollIntoView()`);
  await shot("06-mapping-zh.png");
  await s.click("[data-testid=start-import]");
  await s.waitFor("[data-testid=report-title]", { text: "导入完成", timeout: 60000 });
  assert.equal(await countOf("[data-testid=report] [data-testid=count-new]"), 2);
  assert.match(await s.textOf(`[data-testid=report] [data-testid=rejected] tr[data-row="4"]`), /评分无法识别/);
  assert.match(await s.textOf(`[data-testid=report] [data-testid=rejected] tr[data-row="6"]`), /没有评价内容/);
  assert.equal(await s.count("[data-testid=save-rejected]"), 1);
  await shot("07-report-rejected-zh.png");
  // The same layout again: the saved mapping is used by itself.
  await startOver();
  await openPath(file);
  await s.waitFor("[data-testid=detected-layout]", { text: "使用已保存的对应关系", timeout: 30000 });
  assert.equal(await s.count("[data-testid=mapping-problems]"), 0);
  rmSync(dir, { recursive: true, force: true });
});

test("the import screen in English", async () => {
  await s.click("[data-testid=nav-settings]");
  await s.click("[data-testid=lang-en]");
  await s.click("[data-testid=save-settings]");
  await s.waitFor("[data-testid=nav]", { text: "Import" });
  await s.click("[data-testid=nav-intake]");
  await s.click("[data-testid=tab-file]");
  await startOver();
  assert.match(await s.textOf("[data-testid=drop-zone]"), /Drop a review export here/);
  await shot("08-import-empty-en.png");
  await openPath(GBK);
  await s.waitFor("[data-testid=count-duplicates]", { text: "600", timeout: 60000 });
  assert.match(await s.textOf("[data-testid=counts]"), /Duplicates skipped/);
  assert.match(await s.textOf("[data-testid=warnings]"), /no review time/);
  await shot("09-preview-en.png");
  await s.click("[data-testid=tab-paste]");
  await pasteText("John Smith\n1.0 out of 5 stars Broke after two days\nReviewed in the United States on May 3, 2024\nThe lid cracked the first time I used it.");
  await s.waitUntil(
    async () => (await s.textOf("[data-testid=paste-field-stars]")).includes("sure"),
    "the stars read from the paste",
  );
  await shot("10-paste-en.png");
});
