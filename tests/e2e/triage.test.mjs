// Triage through the real window: an alert word is added on the keywords screen, a case
// created with the inbox quick-add mentions it, the desktop notification goes out within
// seconds (recorded from the session bus), the case carries the alert and a click on the
// notification opens it; a keyword for one product is added and every stored case is
// relabelled in the background, with its progress and result; the screen is seen in
// Chinese and English.
import { test, before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Session } from "./webdriver.mjs";
import { click, served } from "./notifications.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const DRIVER = process.env.WEBDRIVER_URL ?? "http://127.0.0.1:4444";
const APP = process.env.HAOPING_APP;
const SHOTS = process.env.E2E_ARTIFACTS ?? "tests/e2e/artifacts";
const LOG = process.env.NOTIFICATION_LOG;
if (!APP || !LOG) throw new Error("HAOPING_APP and NOTIFICATION_LOG must be set (run through .ci/e2e)");

let s;
const caseRows = "[data-testid=case-table] tbody tr[data-case-id]";
const alertRows = "[data-testid=alert-table] tr[data-alert-id]";

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

/** The Notify calls on the session bus that carry `text`. */
const notifyCalls = (text) =>
  readFileSync(LOG, "utf8")
    .split(/(?=method call)/)
    .filter((m) => /member=Notify/.test(m) && m.includes(text));

async function goKeywords() {
  await s.click("[data-testid=nav-triage]");
  await s.waitFor("[data-testid=triage-screen]");
}

async function quickAdd(product, review) {
  await s.click("[data-testid=nav-inbox]");
  await s.click("[data-testid=new-case]");
  await s.waitForDialog("[data-testid=add-modal]");
  await sleep(400); // let the dialog finish opening before typing into it
  await s.type("[data-testid=add-product] input", product);
  await s.type("[data-testid=add-review] textarea", review);
  await s.click("[data-testid=add-submit]");
  await s.waitFor("[data-testid=detail-review]", { text: review.slice(0, 6) });
}

test("the screen explains both lists and says what to do with none yet", async () => {
  await goKeywords();
  assert.match(await s.textOf("[data-testid=keyword-empty]"), /还没有自定义关键词[\s\S]*回车添加/);
  assert.match(await s.textOf("[data-testid=alert-empty]"), /还没有关键词提醒[\s\S]*回车添加/);
  assert.match(await s.textOf("[data-testid=alerts]"), /弹出桌面通知/);
  assert.match(await s.textOf("[data-testid=triage-shortcuts]"), /回车添加/);
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "01-keywords-empty.png"))}`);
});

test("an alert word is added with Enter", async () => {
  await s.type("[data-testid=alert-term] input", "漏电\uE007");
  await s.waitFor(alertRows, { text: "漏电" });
  assert.equal(await s.count(alertRows), 1);
  assert.match(await s.textOf(alertRows), /还没有/, "no case has hit it yet");
  // The same word again is refused, in words, next to the form.
  await s.type("[data-testid=alert-term] input", "漏电\uE007");
  await s.waitFor("[data-testid=alert-error]", { text: "已经有这个提醒词了" });
  await s.clear("[data-testid=alert-term] input");
});

test("a new case that mentions it is marked and notified on the desktop within seconds", async () => {
  assert.equal(notifyCalls("关键词提醒").length, 0);
  const started = Date.now();
  await quickAdd("不锈钢电热水壶 1.7L", "插上电源就漏电，手都麻了，太危险");
  const calls = await s.waitUntil(() => {
    const c = notifyCalls("关键词提醒：漏电");
    return c.length > 0 ? c : null;
  }, "the keyword-alert notification on the session bus", 8000);
  console.log(`notified after ${Date.now() - started} ms (including typing the case)`);
  assert.match(calls[0], /插上电源就漏电/, "the body quotes the review");
  assert.match(calls[0], /电热水壶/, "and names the product");
  const detail = await s.textOf("[data-testid=case-detail]");
  assert.match(detail, /命中关键词提醒/, "the case carries the alert flag");
  assert.match(detail, /关键词提醒：“漏电”/, "and the reason");
  // The open window says it too, whatever screen is showing, with a link to the case.
  await s.waitFor("[data-testid=alert-toast]", { text: "新评价命中提醒：漏电" });
  assert.match(await s.textOf("[data-testid=alert-toast-open]"), /案例 #\d+/);
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "02-alert-case.png"))}`);
});

test("the alert is not notified twice, and its hit shows on the screen", async () => {
  await quickAdd("保温杯", "壶嘴歪的，倒水洒一桌"); // no alert word: no notification
  await sleep(2500);
  assert.equal(notifyCalls("关键词提醒").length, 1, "one notification for one hit");
  await goKeywords();
  await s.waitFor(alertRows, { text: "案例 #1" });
  assert.match(await s.textOf(`${alertRows} [data-testid=alert-hits]`), /1/);
});

test("clicking the alert notification opens its case", async () => {
  const shown = served().find((n) => n.summary.includes("关键词提醒：漏电"));
  assert.ok(shown, "the notification server received the alert");
  assert.ok(shown.actions.includes("default"), `a click is reported: ${JSON.stringify(shown.actions)}`);
  click(shown.id);
  await s.waitFor("[data-testid=detail-review]", { text: "插上电源就漏电", timeout: 5000 });
  await goKeywords();
});

test("a keyword for one product is added; relabelling all cases runs with progress and a result", async () => {
  await s.click("[data-testid=keyword-cause]");
  await s.waitUntil(
    () =>
      s.exec(
        `const o = [...document.querySelectorAll(".n-base-select-option")].find((x) => x.textContent.includes("质量问题"));
         if (o) o.click();
         return !!o;`,
      ),
    "the cause list offering 质量问题",
  );
  await s.type("[data-testid=keyword-product] input", "杯");
  await s.type("[data-testid=keyword-term] input", "壶嘴歪\uE007");
  await s.waitFor("[data-testid=keyword-table] tr[data-term=壶嘴歪]", { text: "质量问题" });
  assert.match(await s.textOf("[data-testid=keyword-table] tr[data-term=壶嘴歪]"), /杯/);
  await s.waitFor("[data-testid=retriage-stale]", { text: "关键词有改动" });
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "03-keywords-filled.png"))}`);

  await s.click("[data-testid=retriage-start]");
  const result = await s.waitFor("[data-testid=retriage-result]", { text: "重新分类完成", timeout: 20000 });
  const text = await s.text(result);
  assert.match(text, /看了 2 条案例，1 条有更新/, text);
  assert.equal(await s.count("[data-testid=retriage-progress]"), 0, "the progress bar is gone");
  assert.equal(await s.count("[data-testid=retriage-stale]"), 0, "no more suggestion to relabel");
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "04-retriage-done.png"))}`);

  // The relabelled case now counts the owner's keyword.
  await s.click("[data-testid=nav-inbox]");
  await s.waitFor(caseRows);
  await s.exec(
    `[...document.querySelectorAll(arguments[0])].find((r) => r.textContent.includes("保温杯")).click();`,
    caseRows,
  );
  await s.waitFor("[data-testid=detail-review]", { text: "壶嘴歪" });
  const detail = await s.textOf("[data-testid=case-detail]");
  assert.match(detail, /质量问题/);
  assert.match(detail, /壶嘴歪.*自定义关键词/);
  assert.equal(notifyCalls("关键词提醒").length, 1, "relabelling found no new alert hit to notify");
});

test("in English the screen speaks English and relabels again", async () => {
  await s.click("[data-testid=nav-settings]");
  await s.click("[data-testid=lang-en]");
  await s.click("[data-testid=save-settings]");
  await s.waitFor("[data-testid=nav]", { text: "Keywords" });
  await goKeywords();
  // Both lists load after the screen appears: wait for them before reading the counts.
  const screen = await s.text(
    await s.waitFor("[data-testid=triage-screen]", { text: /Cause keywords\s*1 keyword(?!s)[\s\S]*Keyword alerts\s*1 alert(?!s)/ }),
  );
  assert.match(screen, /Keywords & alerts/);
  assert.match(screen, /Cause keywords\s*1 keyword(?!s)/);
  assert.match(screen, /Keyword alerts\s*1 alert(?!s)/);
  assert.match(screen, /Keyword alerts/);
  assert.match(screen, /All products/);
  assert.match(screen, /Enter adds/);
  await s.click("[data-testid=retriage-start]");
  const result = await s.waitFor("[data-testid=retriage-result]", { text: "Relabelling done", timeout: 20000 });
  // The reasons are now written in English, so both cases are updated.
  assert.match(await s.text(result), /2 cases looked at, 2 updated/);
  await s.type("[data-testid=keyword-term] input", "\uE007");
  await s.waitFor("[data-testid=keyword-error]", { text: "Please" });
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "05-keywords-english.png"))}`);
});
