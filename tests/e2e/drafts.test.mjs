// Drafts through the real window: open a demo case, read its three drafts, see the checker
// stop a review incentive typed into the private message, copy the clean text, find the
// copy in the case history; then the template library, and the same screens in English.
import { test, before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { Session } from "./webdriver.mjs";

const DRIVER = process.env.WEBDRIVER_URL ?? "http://127.0.0.1:4444";
const APP = process.env.HAOPING_APP;
const SHOTS = process.env.E2E_ARTIFACTS ?? "tests/e2e/artifacts";
if (!APP) throw new Error("HAOPING_APP must name the app binary");

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const rows = "[data-testid=case-table] tbody tr[data-case-id]";
const INCENTIVE = "好评返现5元";

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

const value = (css) => s.exec("return document.querySelector(arguments[0]).value;", css);
const disabled = (css) => s.exec("return document.querySelector(arguments[0]).disabled;", css);

// The table shows a loading veil while it reloads; a click that lands on it is retried.
async function clickWhenReady(css) {
  await s.waitUntil(async () => {
    try {
      await s.click(css);
      return true;
    } catch (e) {
      if (/not interactable|stale/.test(String(e))) return false;
      throw e;
    }
  }, `${css} to take a click`);
}

/** Clicks something that may sit above or below the fold of the scrolled case pane. */
async function press(css) {
  await s.waitFor(css);
  await s.exec(`document.querySelector(arguments[0]).scrollIntoView({ block: "center" });`, css);
  await sleep(200);
  await clickWhenReady(css);
}

async function openKettleDrafts() {
  // The inbox is kept as it was left: coming back from another screen, the search may
  // already be the kettle's.
  if ((await value("[data-testid=search] input")) !== "电热水壶") {
    const total = await s.textOf("[data-testid=total]");
    await s.clear("[data-testid=search] input");
    await s.type("[data-testid=search] input", "电热水壶");
    await s.waitUntil(async () => (await s.textOf("[data-testid=total]")) !== total, "the search to narrow the list");
  }
  await clickWhenReady(`${rows} td`);
  await s.waitFor("[data-testid=case-detail] .product", { text: "电热水壶" });
  await s.openCaseTab("drafts");
  await s.waitFor("[data-testid=draft-text-public]");
}

test("the demo shop loads from the empty inbox", async () => {
  await s.click("[data-testid=load-demo]");
  await s.waitUntil(async () => (await s.count(rows)) > 0, "demo cases in the list", 30000);
});

test("a case shows three drafts that name its product and problem", async () => {
  await openKettleDrafts();
  const product = await s.textOf("[data-testid=case-detail] .product");
  const publicText = await value("[data-testid=draft-text-public]");
  const privateText = await value("[data-testid=draft-text-private]");
  for (const [name, text] of [["public", publicText], ["private", privateText]]) {
    assert.ok(text.length > 40, `${name} draft has text`);
    assert.ok(text.includes("电热水壶") || text.includes("漏水"), `${name} names the product or problem: ${text}`);
  }
  assert.match(product, /电热水壶/);
  assert.notEqual(publicText, privateText);
  // The phone script's beats render after the drafts arrive.
  await s.waitFor("[data-testid=phone-beats]", { text: /第一步[\s\S]*第二步[\s\S]*第三步/ });
  assert.match(await s.textOf("[data-testid=draft-count-public]"), /\d+ \/ \d+ 字/);
  assert.match(await s.textOf("[data-testid=draft-shortcuts]"), /Ctrl\+Shift\+C/);
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "01-drafts-zh.png"))}`);
});

test("a review incentive typed into the private message blocks copying, with the reason", async () => {
  await s.type("[data-testid=draft-text-private]", INCENTIVE);
  await s.waitFor("[data-testid=draft-findings-private]", { text: "必须修改" });
  const findings = await s.textOf("[data-testid=draft-findings-private]");
  assert.match(findings, new RegExp(INCENTIVE));
  assert.match(findings, /诱导评价|好评/);
  assert.equal(await disabled("[data-testid=draft-copy-private]"), true, "Copy is disabled");
  assert.match(await s.textOf("[data-testid=copy-reason-private]"), /必须先改.*好评返现5元/);
  // Each part of the incentive is marked in the text, and named with the rule that applies.
  assert.equal(await s.textOf("[data-testid=draft-private] mark.sev-blocking.part-review_action"), "好评");
  assert.equal(await s.textOf("[data-testid=draft-private] mark.sev-blocking.part-benefit"), "返现5元");
  assert.match(await s.textOf("[data-testid=draft-findings-private] [data-testid=finding-parts]"), /评价动作「好评」[\s\S]*好处「返现5元」/);
  assert.match(await s.textOf("[data-testid=draft-findings-private] [data-testid=finding-rule]"), /电子商务法.*第十七条/);
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "02-drafts-blocked.png"))}`);
});

test("with the sentence removed the draft copies, confirms and shows in the history", async () => {
  await s.exec(
    `const el = document.querySelector(arguments[0]);
     el.value = el.value.replace(arguments[1], "");
     el.dispatchEvent(new Event("input", { bubbles: true }));`,
    "[data-testid=draft-text-private]",
    INCENTIVE,
  );
  await s.waitUntil(async () => (await disabled("[data-testid=draft-copy-private]")) === false, "Copy enabled again");
  const sent = await value("[data-testid=draft-text-private]");
  assert.ok(!sent.includes(INCENTIVE));
  await press("[data-testid=draft-copy-private]");
  await s.waitFor("[data-testid=copy-confirm-private]", { text: "已复制并记录" });
  await s.waitFor(".n-message", { text: "已复制私信" });
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "03-drafts-copied.png"))}`);
  await s.openCaseTab("overview");
  const history = await s.waitFor("[data-testid=history]", { text: "复制了私信" });
  const text = await s.text(history);
  assert.ok(text.includes(sent.slice(0, 20)), "the history keeps what was sent");
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "04-history-copied.png"))}`);
});

test("Ctrl+Shift+C copies the draft being edited", async () => {
  await s.openCaseTab("drafts");
  await s.waitFor("[data-testid=draft-text-public]");
  // Ctrl and Shift stay down until the NULL key releases them (W3C send keys).
  await s.type("[data-testid=draft-text-public]", "\uE009\uE008c\uE000");
  await s.waitFor("[data-testid=copy-confirm-public]", { text: "已复制并记录" });
  await s.openCaseTab("overview");
  await s.waitFor("[data-testid=history]", { text: "复制了公开回复" });
});

test("another version changes the public reply", async () => {
  await s.openCaseTab("drafts");
  const before = await value("[data-testid=draft-text-public]");
  const variant = await s.textOf("[data-testid=draft-variant-public]");
  await press("[data-testid=draft-another-public]");
  await s.waitUntil(async () => (await s.textOf("[data-testid=draft-variant-public]")) !== variant, "the next version");
  assert.notEqual(await value("[data-testid=draft-text-public]"), before);
});

test("the template library points at a bad variable", async () => {
  await s.click("[data-testid=nav-templates]");
  await s.waitFor("[data-testid=template-table] tr[data-template-key]");
  await clickWhenReady("[data-testid=template-table] tr[data-template-key] td");
  await s.waitFor("[data-testid=template-valid]");
  await s.type("[data-testid=template-body]", "{buyr|亲}");
  await s.waitFor("[data-testid=template-problems]", { text: "buyr" });
  assert.equal(await disabled("[data-testid=template-save]"), true, "an invalid template cannot be saved");
  await sleep(300);
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "05-templates-problem.png"))}`);
  await s.exec(
    `const el = document.querySelector(arguments[0]);
     el.value = el.value.replace("{buyr|亲}", "");
     el.dispatchEvent(new Event("input", { bubbles: true }));`,
    "[data-testid=template-body]",
  );
  await s.waitFor("[data-testid=template-valid]");
});

test("in English the drafts tab speaks English", async () => {
  await s.click("[data-testid=nav-settings]");
  await s.click("[data-testid=lang-en]");
  await s.click("[data-testid=save-settings]");
  await s.waitFor("[data-testid=nav]", { text: "Inbox" });
  await s.click("[data-testid=nav-inbox]");
  await openKettleDrafts();
  await s.waitFor("[data-testid=drafts-tab]", { text: "Another version" });
  await s.type("[data-testid=draft-text-private]", INCENTIVE);
  await s.waitFor("[data-testid=draft-findings-private]", { text: "Must fix" });
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "06-drafts-en-ui.png"))}`);
  await press("[data-testid=draft-lang-en]");
  // The private draft was edited: switching language asks first.
  await s.waitFor(".n-dialog__action .n-button--warning-type");
  await s.settled();
  await s.click(".n-dialog__action .n-button--warning-type");
  await s.waitUntil(async () => /Sorry|sorry|apolog/.test(await value("[data-testid=draft-text-public]")), "English drafts");
  await sleep(300);
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "07-drafts-en.png"))}`);
  await press("[data-testid=draft-wide]");
  await sleep(300);
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "08-drafts-wide-en.png"))}`);
  await press("[data-testid=draft-wide]");
  await s.click("[data-testid=nav-templates]");
  await s.waitFor("[data-testid=template-table] tr[data-template-key]");
  await clickWhenReady("[data-testid=template-table] tr[data-template-key] td");
  await s.waitFor("[data-testid=template-editor]");
  await sleep(600);
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "09-templates-en.png"))}`);
});
