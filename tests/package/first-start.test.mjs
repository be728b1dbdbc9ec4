// The installed Linux package's first start (run by .ci/package-check on the program
// unpacked from the release .deb): a fresh profile with nothing but a home directory, the
// window up with the start screen, the database created where a released app keeps it
// (not the development one), no development badge, and no update source but its own
// (a development build's test override in the environment is ignored).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Session } from "../e2e/webdriver.mjs";

const DRIVER = process.env.WEBDRIVER_URL ?? "http://127.0.0.1:4444";
const APP = process.env.HAOPING_APP;
const SHOTS = process.env.E2E_ARTIFACTS ?? "tests/e2e/artifacts";
if (!APP) throw new Error("HAOPING_APP must name the installed program (run through .ci/package-check)");

const home = mkdtempSync(join(tmpdir(), "haoping-home-"));
const launcher = join(mkdtempSync(join(tmpdir(), "haoping-launch-")), "haoping");
const asked = [];
let server;
let s;
let startMs;

before(async () => {
  server = createServer((req, res) => {
    asked.push(req.url);
    res.statusCode = 404;
    res.end();
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const bait = `http://127.0.0.1:${server.address().port}/latest.json`;
  // A fresh profile: its own home, none of the test run's data directory. The update
  // override only a development build would honour points at a server that records asks.
  writeFileSync(
    launcher,
    `#!/bin/sh\nunset HAOPING_DATA_DIR XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME\nexport HOME='${home}'\n` +
      `export HAOPING_UPDATE_ENDPOINT='${bait}' HAOPING_UPDATE_PUBKEY='untrusted'\nexec '${APP}' "$@"\n`,
  );
  chmodSync(launcher, 0o755);
  const t0 = Date.now();
  s = await Session.start(DRIVER, launcher);
  await s.waitFor("[data-testid=nav]", { timeout: 60000 });
  startMs = Date.now() - t0;
});

after(async () => {
  if (s) await s.end().catch(() => {});
  server?.close();
  // The program ran with its own home, out of reach of the runner's cleanup.
  try {
    execFileSync("pkill", ["-f", `^${APP}( |$)`]);
  } catch {
    /* already gone */
  }
});

test("the installed program opens its first screen on a fresh profile", async () => {
  console.log(`first screen ${startMs} ms after the start (WebDriver session included)`);
  // The start screen is Today; the navigation lists every screen.
  const nav = await s.textOf("[data-testid=nav]");
  for (const screen of ["今日", "收件箱", "设置"]) assert.match(nav, new RegExp(screen));
  await s.waitFor("[data-testid=today]", { timeout: 15000 });
  assert.equal(await s.count(".sider-foot .n-tag"), 0, "no development badge in a release build");
  const shot = await s.screenshot(join(SHOTS, "installed-first-start.png"));
  console.log(`screenshot: ${shot}`);
});

test("its data lives where a released app keeps it", async () => {
  await s.click("[data-testid=nav-settings]");
  const path = (await s.textOf(".path")).trim();
  assert.equal(path, join(home, ".local/share/app.haoping.desktop/haoping.db"));
  assert.ok(existsSync(path), "the database was created on first start");
  assert.match(await s.textOf("[data-testid=about-version]"), /版本 \d+\.\d+\.\d+/);
});

test("it trusts no update source but its own", async () => {
  await s.waitFor("[data-testid=update-not-configured]");
  await new Promise((r) => setTimeout(r, 4000)); // past the quiet check's delay
  assert.deepEqual(asked, [], "the development override is ignored by a release build");
  await s.screenshot(join(SHOTS, "installed-about.png"));
});
