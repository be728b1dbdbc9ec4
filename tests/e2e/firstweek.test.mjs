// A shop's first week, through the real window: the empty start points to the import; years
// of old bad reviews imported beside the live demo cases wait as one Today item that opens
// the inbox filtered to them and is closed in one confirmed action, leaving the live
// reminders as they were; Insights finds the old data over all time; closing a case with an
// open promise asks first; the inbox and the case pane fit 1366×768 and 1440×900 in Chinese
// and English (screenshots of each, and no sideways scrolling or clipped tabs measured).
import { test, before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Session } from "./webdriver.mjs";

const DRIVER = process.env.WEBDRIVER_URL ?? "http://127.0.0.1:4444";
const APP = process.env.HAOPING_APP;
const SHOTS = process.env.E2E_ARTIFACTS ?? "tests/e2e/artifacts";
if (!APP) throw new Error("HAOPING_APP must name the app binary");

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SOURCE = resolve(ROOT, "../shared/data/zh-online-shopping-10-cats.csv");
if (!existsSync(SOURCE)) throw new Error(`test data missing: ${SOURCE}`);

/** How many years-old bad reviews the export holds. */
const OLD = 60;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let s;

/**
 * A Taobao-style review export of bad reviews written between 2017-10 and 2019-02, texts
 * from the shared online-shopping file.
 */
function writeExport() {
  const lines = readFileSync(SOURCE, "utf8").split("\n").slice(1);
  const bad = [];
  for (const l of lines) {
    const [cat, label, ...rest] = l.split(",");
    const text = rest.join(",").replace(/^\uFEFF/, "").replace(/"/g, "").trim();
    if (label === "0" && cat !== "酒店" && text.length > 8) bad.push([cat, text.slice(0, 200)]);
    if (bad.length >= OLD * 5) break;
  }
  const first = Date.parse("2017-10-21T00:00:00Z");
  const last = Date.parse("2019-02-03T00:00:00Z");
  let out = "tid,oid,nick,result,created,item_title,item_price,content,reply\n";
  for (let i = 0; i < OLD; i++) {
    const [cat, text] = bad[i * 5];
    const at = new Date(first + ((last - first) * i) / (OLD - 1) + 8 * 3600_000);
    const beijing = at.toISOString().slice(0, 19).replace("T", " ");
    out += `${8_000_000 + i},${i + 1},b***${i % 37},bad,${beijing},"${cat}·店铺款",39.90,"${text}",\n`;
  }
  const dir = mkdtempSync(join(tmpdir(), "haoping-firstweek-"));
  const path = join(dir, "淘宝评价导出-2017-2019.csv");
  writeFileSync(path, out);
  return path;
}

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

async function shot(name) {
  await sleep(700);
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, name))}`);
}

/** Clicks whatever `css` matches once it is there, scrolled into view (a JS click: no hit test). */
async function press(css) {
  await s.waitFor(css);
  await s.exec(`document.querySelector(arguments[0]).scrollIntoView({ block: "center" }); document.querySelector(arguments[0]).click();`, css);
}

async function waitContent(css, test, what) {
  await s.waitUntil(async () => {
    const c = await s.exec(`const el = document.querySelector(arguments[0]); return el ? el.textContent : "";`, css);
    return typeof test === "string" ? c.includes(test) : test.test(c);
  }, what ?? `${css} to hold ${test}`, 30000);
}

/** The four Today counts: due now, in window, overdue, coming up. */
async function todayCounts() {
  await press("[data-testid=nav-today]");
  await s.waitFor("[data-testid=today-counts]");
  await press("[data-testid=today-refresh]");
  await sleep(600);
  return s.exec(
    `return Object.fromEntries(["due_now", "in_window", "overdue", "coming_up"].map((k) =>
       [k, Number(document.querySelector(".count-" + k + " .n-tag")?.textContent ?? "NaN")]));`,
  );
}

/** A dialog's positive button by its text (naive-ui dialogs render outside the app's root). */
async function dialogButton(text) {
  await s.waitUntil(
    () => s.exec(`return [...document.querySelectorAll(".n-dialog button")].some((b) => b.textContent.includes(arguments[0]));`, text),
    `a dialog button "${text}"`,
  );
  await s.exec(`[...document.querySelectorAll(".n-dialog button")].find((b) => b.textContent.includes(arguments[0])).click();`, text);
}

test("the empty Today offers the import first and the demo shop second", async () => {
  await s.waitFor("[data-testid=today-empty]", { timeout: 30000 });
  const buttons = await s.exec(`return [...document.querySelectorAll("[data-testid=today-empty] button")].map((b) => b.textContent.trim());`);
  assert.deepEqual(buttons, ["导入差评", "加载示例店铺"]);
  await shot("01-today-empty-zh.png");
  await press("[data-testid=today-import]");
  await s.waitFor("[data-testid=drop-zone]");
  await s.click("[data-testid=nav-inbox]");
  await s.waitFor("[data-testid=inbox-import]");
  const inbox = await s.exec(`return [...document.querySelectorAll("[data-testid=empty] button")].map((b) => b.textContent.trim());`);
  assert.deepEqual(inbox.slice(0, 2), ["导入差评", "加载示例店铺"]);
});

let live;
test("years of old reviews imported beside live cases wait as one Today item", async () => {
  await press("[data-testid=load-demo]");
  await s.waitFor("[data-testid=total]", { text: /共 \d+ 条/, timeout: 60000 });
  live = await todayCounts();
  assert.ok(live.overdue + live.due_now + live.coming_up + live.in_window > 0, `the demo shop has live reminders: ${JSON.stringify(live)}`);

  await s.click("[data-testid=nav-intake]");
  const file = writeExport();
  await s.waitFor("[data-testid=path-input] input");
  await s.clear("[data-testid=path-input] input");
  await s.type("[data-testid=path-input] input", file);
  await s.click("[data-testid=path-open]");
  await s.waitFor("[data-testid=count-new]", { text: String(OLD), timeout: 60000 });
  await press("[data-testid=start-import]");
  await s.waitFor("[data-testid=import-another]", { timeout: 60000 });
  await waitContent("[data-testid=report-backlog]", `其中 ${OLD} 条是历史差评`);

  const after = await todayCounts();
  assert.deepEqual(after, live, "the old reviews add no reminder of their own");
  await waitContent("[data-testid=backlog-item]", `${OLD} 条历史差评待分拣`);
  await waitContent("[data-testid=backlog-item]", "2017-10-21 – 2019-02-0");
  await shot("02-today-backlog-zh.png");
});

test("the backlog item opens the inbox filtered to it, and closing it all asks first, naming the count", async () => {
  await press("[data-testid=backlog-open]");
  await s.waitFor("[data-testid=filter-backlog]");
  await s.waitFor("[data-testid=total]", { text: `共 ${OLD} 条` });
  await waitContent("[data-testid=backlog-bar]", `共 ${OLD} 条历史差评`);
  await shot("03-inbox-backlog-zh.png");
  await press("[data-testid=backlog-close-all]");
  await waitContent("[data-testid=bulk-count]", `将把 ${OLD} 条案例按“过旧，不再跟进”关闭`);
  await shot("04-bulk-confirm-zh.png");
  await press("[data-testid=bulk-confirm]");
  await s.waitFor("[data-testid=total]", { text: "共 0 条", timeout: 30000 });

  const after = await todayCounts();
  assert.deepEqual(after, live, "the live reminders stay as they were");
  assert.equal(await s.count("[data-testid=backlog-item]"), 0, "the backlog item is gone");
  // Back in the inbox from the navigation: the whole list again, not the backlog.
  await press("[data-testid=nav-inbox]");
  await s.waitFor("[data-testid=case-detail]", { timeout: 30000 });
  assert.equal(await s.count("[data-testid=filter-backlog]"), 0);
});

test("Insights over all time finds the old reviews", async () => {
  await press("[data-testid=nav-insights]");
  await s.waitFor("[data-testid=range-presets]");
  await press("[data-testid=range-presets] [data-preset=all] input");
  await waitContent("[data-testid=range-label]", /^2017-10-2\d 至 /);
  await s.waitUntil(
    () => s.exec(`return !document.querySelector("[data-testid=chart-trend] [data-testid=chart-empty]") && !!document.querySelector("[data-testid=chart-trend] [data-testid=chart-canvas]");`),
    "the trend chart drawn",
  );
  await shot("05-insights-all-time-zh.png");
});

test("resolving a case with an open promise asks first, naming it", async () => {
  await press("[data-testid=nav-inbox]");
  await press("[data-testid=open-only] input, [data-testid=open-only]");
  await sleep(800);
  await press("[data-testid=case-table] tbody tr[data-case-id] td:nth-child(3)");
  await s.waitFor("[data-testid=case-detail]", { timeout: 30000 });
  await press("[data-testid=case-tabs] .n-tabs-tab[data-name=remedies], [data-testid=case-tabs-more]");
  if (await s.exec(`return !document.querySelector("[data-testid=case-tabs] .n-tabs-tab[data-name=remedies]");`)) {
    await press("[data-tab=remedies] .n-dropdown-option-body, [data-tab=remedies]");
  }
  await s.waitFor("[data-testid=promise-text] input", { timeout: 20000 });
  await s.type("[data-testid=promise-text] input", "三天内补发滤芯");
  await press("[data-testid=promise-quick-tomorrow]");
  await press("[data-testid=promise-add]");
  await s.waitFor("[data-testid=promise-row]", { text: "三天内补发滤芯" });
  await press("[data-testid=move-status]");
  await s.waitUntil(() => s.exec(`return [...document.querySelectorAll(".n-dropdown-option")].some((o) => o.textContent.includes("已解决"));`), "the status menu");
  await s.exec(`[...document.querySelectorAll(".n-dropdown-option-body")].find((o) => o.textContent.includes("已解决")).click();`);
  await waitContent("[data-testid=owed-confirm]", "三天内补发滤芯");
  await shot("06-owed-confirm-zh.png");
  await dialogButton("取消");
  await sleep(400);
  assert.notEqual(await s.textOf("[data-testid=detail-status]"), "已解决", "nothing changed when the owner said no");
});

/** The sizes an owner's laptop has. */
const SIZES = [
  [1366, 768],
  [1440, 900],
];

/** Whether the inbox list needs sideways scrolling and whether the case tabs clip. */
async function fit() {
  return s.exec(`
    const body = document.querySelector("[data-testid=case-table] .n-data-table-base-table-body, [data-testid=case-table] .n-scrollbar-container");
    const tabs = document.querySelector("[data-testid=case-tabs] .n-tabs-nav-scroll-content, [data-testid=case-tabs] .n-tabs-wrapper");
    const nav = document.querySelector("[data-testid=case-tabs] .n-tabs-nav-scroll-wrapper, [data-testid=case-tabs] .n-tabs-nav");
    return {
      listScroll: body ? body.scrollWidth - body.clientWidth : -1,
      tabsOver: tabs && nav ? tabs.scrollWidth - nav.clientWidth : -1,
      window: [window.innerWidth, window.innerHeight],
    };`);
}

async function sizedShots(lang) {
  for (const [w, h] of SIZES) {
    await s.cmd("POST", "/window/rect", { width: w, height: h });
    await sleep(900);
    await press("[data-testid=nav-inbox]");
    await s.waitFor("[data-testid=case-detail]", { timeout: 30000 });
    await press("[data-testid=case-tabs] .n-tabs-tab[data-name=overview]");
    await sleep(500);
    const f = await fit();
    console.log(`fit ${lang} ${w}x${h}: ${JSON.stringify(f)}`);
    assert.ok(f.listScroll <= 1, `the list scrolls sideways at ${w}×${h} (${lang}): ${JSON.stringify(f)}`);
    assert.ok(f.tabsOver <= 1, `the case tabs clip at ${w}×${h} (${lang}): ${JSON.stringify(f)}`);
    await shot(`inbox-${lang}-${w}x${h}.png`);
  }
}

test("the inbox and the case pane fit 1366×768 and 1440×900 in Chinese", async () => {
  await sizedShots("zh");
});

test("in English the inbox, history and dates read English and fit the same sizes", async () => {
  await press("[data-testid=nav-settings]");
  await press("[data-testid=lang-en]");
  await press("[data-testid=save-settings]");
  await s.waitFor("[data-testid=nav]", { text: "Inbox" });
  await sizedShots("en");
  const history = await s.exec(`return document.querySelector("[data-testid=history]")?.textContent ?? "";`);
  assert.doesNotMatch(history, /店主|导入 ·/, "actors are English");
  await press("[data-testid=nav-today]");
  await s.waitFor("[data-testid=today-counts]");
  await shot("07-today-en.png");
});
