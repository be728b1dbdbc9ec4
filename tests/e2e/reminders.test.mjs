// Reminders reach the desktop: with the demo shop loaded, reminders that are already due
// (fresh reviews near their 24-hour first-response deadline) fire at once as one grouped
// desktop notification, which a dbus monitor records from the session bus; clicking it opens Today.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Session } from "./webdriver.mjs";
import { click, served } from "./notifications.mjs";

const DRIVER = process.env.WEBDRIVER_URL ?? "http://127.0.0.1:4444";
const APP = process.env.HAOPING_APP;
const SHOTS = process.env.E2E_ARTIFACTS ?? "tests/e2e/artifacts";
const LOG = process.env.NOTIFICATION_LOG;
if (!APP || !LOG) throw new Error("HAOPING_APP and NOTIFICATION_LOG must be set (run through .ci/e2e)");

let s;
before(async () => {
  s = await Session.start(DRIVER, APP);
  await s.waitFor("[data-testid=nav]", { timeout: 30000 });
});
after(async () => {
  if (s) await s.end().catch(() => {});
});

const notifications = () => readFileSync(LOG, "utf8");

test("due reminders fire as one desktop notification, within seconds", async () => {
  assert.doesNotMatch(notifications(), /member=Notify/, "nothing is due in an empty database");
  await s.click("[data-testid=nav-inbox]");
  await s.click("[data-testid=load-demo]");
  await s.waitFor("[data-testid=total]", { text: /共 \d+ 条/ });
  const log = await s.waitUntil(() => {
    const text = notifications();
    return /member=Notify/.test(text) ? text : null;
  }, "a Notify call on the session bus within 5 s", 5000);
  assert.match(log, /string "好评"/, "the notification is titled with the app name");
  assert.match(log, /到期|逾期|提醒/, "the body says what is due");
  const calls = log.match(/member=Notify/g) ?? [];
  assert.equal(calls.length, 1, "one grouped notification, not a flood");
  await s.screenshot(join(SHOTS, "reminders-after-demo.png"));
});

test("clicking the grouped notification brings the owner to Today", async () => {
  const [shown] = served();
  assert.ok(shown, "the notification server received the notification");
  assert.ok(shown.actions.includes("default"), `a click is reported: ${JSON.stringify(shown.actions)}`);
  await s.waitFor("[data-testid=total]");
  assert.equal(await s.count("[data-testid=today]"), 0, "still on the inbox");
  click(shown.id);
  await s.waitFor("[data-testid=today]", { timeout: 5000 });
  await s.screenshot(join(SHOTS, "reminders-clicked.png"));
});

test("nothing fires twice after a restart", async () => {
  await s.end();
  s = await Session.start(DRIVER, APP);
  await s.waitFor("[data-testid=nav]", { timeout: 30000 });
  await new Promise((r) => setTimeout(r, 4000));
  const calls = notifications().match(/member=Notify/g) ?? [];
  assert.equal(calls.length, 1, "the reminders fired before the restart do not fire again");
});
