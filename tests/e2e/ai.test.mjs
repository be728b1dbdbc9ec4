// AI drafting through the real window, against a chat-completions server this test runs on
// 127.0.0.1: the tab says how to set AI up, the settings screen saves and tests the
// endpoint, a draft streams in, is checked, copied and logged; then the same in English.
import { test, before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { join } from "node:path";
import { Session } from "./webdriver.mjs";

const DRIVER = process.env.WEBDRIVER_URL ?? "http://127.0.0.1:4444";
const APP = process.env.HAOPING_APP;
const SHOTS = process.env.E2E_ARTIFACTS ?? "tests/e2e/artifacts";
if (!APP) throw new Error("HAOPING_APP must name the app binary");

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const rows = "[data-testid=case-table] tbody tr[data-case-id]";

const REPLY_ZH =
  "亲，非常抱歉电热水壶出现漏水的问题，给您添麻烦了。麻烦您通过旺旺把订单号和照片发给我们，核实后马上为您换新或退款。我们已经加强了出库前的检测，避免再出现这种情况。欢迎随时联系我们，期待您再次光临。";
const REPLY_EN =
  "Sorry the kettle leaked. Please send your order number and a photo through a private message, and we will replace or refund it right away. We have added a leak test before packing. Contact us any time.";

// ---------- a chat-completions server on 127.0.0.1 ----------

const seen = [];
const server = createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", async () => {
    if (req.method === "GET" && req.url.endsWith("/models")) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ data: [{ id: "qwen2.5:7b" }, { id: "llama3.1:8b" }] }));
      return;
    }
    const json = JSON.parse(body || "{}");
    seen.push({ url: req.url, auth: req.headers.authorization ?? null, body: json });
    if (json.model === "no-such-model") {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: `model "${json.model}" not found, try pulling it first` } }));
      return;
    }
    const english = String(json.messages?.[0]?.content ?? "").includes("Write in English");
    const reply = english ? REPLY_EN : REPLY_ZH;
    if (!json.stream) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ model: json.model, choices: [{ index: 0, message: { role: "assistant", content: "OK" }, finish_reason: "stop" }] }));
      return;
    }
    res.writeHead(200, { "content-type": "text/event-stream" });
    const chars = Array.from(reply);
    for (let i = 0; i < chars.length; i += 4) {
      const delta = { content: chars.slice(i, i + 4).join("") };
      res.write(`data: ${JSON.stringify({ model: json.model, choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`);
      await sleep(40);
    }
    res.write(`data: ${JSON.stringify({ model: json.model, choices: [{ index: 0, delta: {}, finish_reason: "stop" }] })}\n\n`);
    res.end("data: [DONE]\n\n");
  });
});

let s;
let base;

before(async () => {
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${server.address().port}/v1`;
  s = await Session.start(DRIVER, APP);
  await s.waitFor("[data-testid=nav]", { timeout: 30000 });
});

let shots = 0;
afterEach(async (t) => {
  if (s) await s.screenshot(join(SHOTS, "steps", `${String(++shots).padStart(2, "0")}-${t.name.slice(0, 40).replace(/[^\w]+/g, "-")}.png`)).catch(() => {});
});

after(async () => {
  if (s) await s.end().catch(() => {});
  server.close();
});

const value = (css) => s.exec("return document.querySelector(arguments[0]).value;", css);
const disabled = (css) => s.exec("return document.querySelector(arguments[0]).disabled;", css);

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

async function press(css) {
  await s.waitFor(css);
  await s.exec(`document.querySelector(arguments[0]).scrollIntoView({ block: "center" });`, css);
  await sleep(200);
  await clickWhenReady(css);
}

/** Replaces an input's text the way typing would. */
async function fill(css, text) {
  await s.clear(css);
  await s.type(css, text);
}

async function openKettleAiTab() {
  await s.click("[data-testid=nav-inbox]");
  await s.waitFor("[data-testid=search] input");
  await s.clear("[data-testid=search] input");
  await s.type("[data-testid=search] input", "电热水壶");
  await s.waitUntil(async () => /\d/.test(await s.textOf("[data-testid=total]")), "the list");
  await sleep(500);
  await clickWhenReady(`${rows} td`);
  await s.waitFor("[data-testid=case-detail] .product", { text: "电热水壶" });
  await s.openCaseTab("ai");
  await s.waitFor("[data-testid=ai-tab]");
}

test("the demo shop loads from the empty inbox", async () => {
  await s.click("[data-testid=nav-inbox]");
  await s.click("[data-testid=load-demo]");
  await s.waitUntil(async () => (await s.count(rows)) > 0, "demo cases in the list", 30000);
});

test("with AI off, the case tab says how to set it up", async () => {
  await openKettleAiTab();
  const box = await s.waitFor("[data-testid=ai-not-configured]", { text: "AI 草稿还没打开" });
  const text = await s.text(box);
  assert.match(text, /AI 草稿还没打开/);
  assert.match(text, /localhost:11434/);
  assert.match(text, /模板草稿在「回复草稿」页/);
  // The template drafts are there regardless.
  await s.openCaseTab("drafts");
  await s.waitFor("[data-testid=draft-text-public]");
  await s.openCaseTab("ai");
  await s.waitFor("[data-testid=ai-not-configured]", { text: "AI 草稿还没打开" });
  await sleep(400);
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "01-ai-tab-off.png"))}`);
});

test("the settings screen saves the endpoint and tests it", async () => {
  await s.click("[data-testid=nav-ai]");
  await s.waitFor("[data-testid=ai-base-url] input");
  await fill("[data-testid=ai-base-url] input", base);
  await s.waitFor("[data-testid=ai-where]", { text: "本机" });
  await fill("[data-testid=ai-model] input", "no-such-model");
  await s.click("[data-testid=ai-test]");
  const failed = await s.waitFor("[data-testid=ai-test-result][data-ok=false]");
  assert.match(await s.text(failed), /连接失败.*模型名写错/);
  assert.match(await s.text(failed), /not found/);
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "02-ai-test-failed.png"))}`);

  await fill("[data-testid=ai-model] input", "qwen2.5:7b");
  await s.click("[data-testid=ai-test]");
  const ok = await s.waitFor("[data-testid=ai-test-result][data-ok=true]");
  assert.match(await s.text(ok), /连接成功：qwen2\.5:7b/);
  assert.match(await s.text(ok), /llama3\.1:8b/);
  await s.click("[data-testid=ai-enabled]");
  await s.click("[data-testid=ai-save]");
  await s.waitFor(".n-message", { text: "AI 设置已保存" });
  // No keychain in this headless session: the key field says so and stays closed.
  if (await s.count("[data-testid=ai-keychain-missing]")) {
    assert.equal(await disabled("[data-testid=ai-key] input"), true);
  }
  await sleep(300);
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "03-ai-settings.png"))}`);
  assert.ok(seen.every((r) => r.auth === null), "no key, no Authorization header");
});

test("a draft streams in, is checked, copied and logged on the case", async () => {
  await openKettleAiTab();
  await press("[data-testid=ai-channel-public]");
  await press("[data-testid=ai-generate]");
  await s.waitFor("[data-testid=ai-stream]", { text: "亲，非常" });
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "04-ai-streaming.png"))}`);
  await s.waitFor("[data-testid=ai-text]", { timeout: 30000 });
  assert.equal(await value("[data-testid=ai-text]"), REPLY_ZH);
  const last = seen[seen.length - 1];
  assert.equal(last.body.stream, true);
  assert.match(last.body.messages[0].content, /五个部分/);
  assert.match(last.body.messages[1].content, /电热水壶/);
  assert.match(await s.textOf("[data-testid=ai-meta]"), /qwen2\.5:7b/);
  assert.match(await s.textOf("[data-testid=ai-count]"), /\d+ \/ \d+ 字/);
  await s.waitUntil(async () => (await disabled("[data-testid=ai-copy]")) === false, "Copy enabled");
  await sleep(300);
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "05-ai-draft.png"))}`);

  // An incentive typed in is caught by the same checker.
  await s.type("[data-testid=ai-text]", "改好评返现5元");
  await s.waitFor("[data-testid=ai-findings]", { text: "必须修改" });
  assert.equal(await disabled("[data-testid=ai-copy]"), true);
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "06-ai-blocked.png"))}`);
  await s.exec(
    `const el = document.querySelector(arguments[0]);
     el.value = el.value.replace("改好评返现5元", "");
     el.dispatchEvent(new Event("input", { bubbles: true }));`,
    "[data-testid=ai-text]",
  );
  await s.waitUntil(async () => (await disabled("[data-testid=ai-copy]")) === false, "Copy enabled again");
  await press("[data-testid=ai-copy]");
  await s.waitFor("[data-testid=ai-copied]");
  await s.openCaseTab("overview");
  const history = await s.waitFor("[data-testid=history]", { text: "漏水" });
  assert.ok((await s.text(history)).includes(REPLY_ZH.slice(0, 20)), "the history keeps what was sent");
});

test("in English the settings and the tab speak English", async () => {
  await s.click("[data-testid=nav-settings]");
  await s.click("[data-testid=lang-en]");
  await s.click("[data-testid=save-settings]");
  await s.waitFor("[data-testid=nav]", { text: "Inbox" });
  await s.click("[data-testid=nav-ai]");
  await s.waitFor("[data-testid=ai-settings]", { text: "Endpoint URL" });
  await sleep(300);
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "07-ai-settings-en.png"))}`);
  await openKettleAiTab();
  await press("[data-testid=ai-lang-en]");
  await press("[data-testid=ai-generate]");
  await s.waitFor("[data-testid=ai-text]", { timeout: 30000 });
  assert.equal(await value("[data-testid=ai-text]"), REPLY_EN);
  await s.waitFor("[data-testid=ai-tab]", { text: "Generate again" });
  await sleep(300);
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "08-ai-draft-en.png"))}`);
});
