// Signed updates through the real window, against an update source on 127.0.0.1 that
// announces version 9.9.9, with a key pair made for this test (the development build trusts
// the key named in its environment; release builds only the key they were built with).
// The quiet check at start finds the update and says so; Settings → About shows its notes;
// a tampered package and a package signed with another key are refused in words, in
// Chinese and English, and nothing is installed or backed up; a good package is installed
// after the database was backed up and verified (with writes held), and the app restarts.
import { test, before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Session } from "./webdriver.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const DRIVER = process.env.WEBDRIVER_URL ?? "http://127.0.0.1:4444";
const APP = process.env.HAOPING_APP;
const SHOTS = process.env.E2E_ARTIFACTS ?? "tests/e2e/artifacts";
if (!APP) throw new Error("HAOPING_APP must name the app binary (run through .ci/e2e)");
const TAURI = join(process.cwd(), "ui/node_modules/@tauri-apps/cli/tauri.js");

const NOTES = "### 新功能\n- **自动更新**：设置 → 关于\n- 修复导入大文件时卡住";
const work = mkdtempSync(join(tmpdir(), "haoping-update-"));
const sha256 = (path) => createHash("sha256").update(readFileSync(path)).digest("hex");

function tauri(...args) {
  return execFileSync(process.execPath, [TAURI, ...args], { cwd: work, env: { ...process.env, CI: "true" }, stdio: "pipe" });
}

/** A key pair made for this test: { key: path of the private key, pub: the public key }. */
function keyPair(name) {
  const key = join(work, `${name}.key`);
  tauri("signer", "generate", "--ci", "-p", "", "-w", key);
  return { key, pub: readFileSync(`${key}.pub`, "utf8").trim() };
}

/** Signs `file` for version 9.9.9, as the release build binds each update to its version. */
function sign(file, pair) {
  tauri("signer", "sign", "-f", pair.key, "-p", "", "--app-version", "9.9.9", file);
  return readFileSync(`${file}.sig`, "utf8").trim();
}

// The package: an ELF executable, as an unbundled Linux app is updated in place.
const good = join(work, "haoping-9.9.9");
copyFileSync("/bin/true", good);
let trusted, stranger, goodSig, strangerSig;

// What the update source serves: `scenario` picks the package and its signature.
let scenario = "good";
const requests = [];
let server, base;
function packageOf(name) {
  const bytes = readFileSync(good);
  if (name === "tampered") {
    const changed = Buffer.from(bytes);
    changed[changed.length - 100] ^= 0xff;
    return { bytes: changed, signature: goodSig };
  }
  if (name === "stranger") return { bytes, signature: strangerSig };
  return { bytes, signature: goodSig };
}

// The app runs from a copy, so a good update replaces the copy, never the build output.
const appCopy = join(work, "app", "haoping");
const launcher = join(work, "launch-haoping.sh");

before(async () => {
  trusted = keyPair("trusted");
  stranger = keyPair("stranger");
  goodSig = sign(good, trusted);
  strangerSig = sign(good, stranger);

  server = createServer((req, res) => {
    requests.push(req.url);
    if (req.url === "/latest.json") {
      const pkg = packageOf(scenario);
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify({
          // A package signed for 9.9.9 announced as 9.9.10 is a replay, which the signature's
          // bound version gives away.
          version: scenario === "replayed" ? "9.9.10" : "9.9.9",
          notes: NOTES,
          pub_date: "2026-12-01T08:00:00Z",
          platforms: { "linux-x86_64": { url: `${base}/pkg/${scenario}`, signature: pkg.signature } },
        }),
      );
    } else if (req.url.startsWith("/pkg/")) {
      res.setHeader("content-type", "application/octet-stream");
      res.end(packageOf(req.url.slice(5)).bytes);
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${server.address().port}`;

  execFileSync("mkdir", ["-p", join(work, "app")]);
  copyFileSync(APP, appCopy);
  chmodSync(appCopy, 0o755);
  // tauri-driver starts the app it is given with no way to add environment variables, so it
  // is given a launcher that adds the update source and key, then becomes the app.
  writeFileSync(
    launcher,
    `#!/bin/sh\nexport HAOPING_UPDATE_ENDPOINT='${base}/latest.json'\nexport HAOPING_UPDATE_PUBKEY='${trusted.pub}'\nexec '${appCopy}' "$@"\n`,
  );
  chmodSync(launcher, 0o755);

  s = await Session.start(DRIVER, launcher);
  await s.waitFor("[data-testid=nav]", { timeout: 30000 });
});

let s;
let shots = 0;
afterEach(async (t) => {
  if (s) await s.screenshot(join(SHOTS, "steps", `${String(++shots).padStart(2, "0")}-${t.name.slice(0, 40).replace(/[^\w]+/g, "-")}.png`)).catch(() => {});
});

after(async () => {
  if (s) await s.end().catch(() => {});
  server?.close();
});

let dataDir;
async function openAbout() {
  await s.click("[data-testid=nav-settings]");
  await s.waitFor("[data-testid=about]");
  if (!dataDir) dataDir = join((await s.textOf(".path")).trim(), "..");
}

const asked = () => requests.filter((u) => u === "/latest.json").length;

/** "Check for updates", waiting until this very check has answered (not an earlier one). */
async function check(version = "9.9.9") {
  const before = asked();
  await s.click("[data-testid=update-check]");
  await s.waitUntil(() => asked() > before, "the update source to be asked");
  await s.waitUntil(
    async () => (await s.exec("return document.querySelector('[data-testid=about]').dataset.checking")) === "false",
    "the check to finish",
  );
  await s.waitFor("[data-testid=update-version]", { text: version });
}

async function installRefused(expected) {
  const before = requests.length;
  await s.click("[data-testid=update-install]");
  await s.waitFor("[data-testid=update-error]", { timeout: 20000 });
  const text = await s.textOf("[data-testid=update-error]");
  assert.match(text, expected);
  assert.ok(
    requests.slice(before).some((u) => u.startsWith("/pkg/")),
    "the package was downloaded and then refused",
  );
  return text;
}

const copyUnchanged = () => sha256(appCopy) === sha256(APP);
/** The backups made for an update (the backup area may also make daily ones). */
const backups = () =>
  existsSync(join(dataDir, "backups"))
    ? readdirSync(join(dataDir, "backups")).filter((f) => f.endsWith("-before_update.db"))
    : [];

test("the quiet check at start finds the new version and says so", async () => {
  const notice = await s.waitFor("[data-testid=update-notice]", { text: "9.9.9", timeout: 20000 });
  assert.match(await s.text(notice), /好评有新版本 9\.9\.9/);
  assert.ok(requests.includes("/latest.json"), "the app asked the update source by itself");
  assert.ok(!requests.some((u) => u.startsWith("/pkg/")), "nothing downloaded without the owner");
  await s.click("[data-testid=update-notice-open]");
  await s.waitFor("[data-testid=about]");
  assert.match(await s.textOf("[data-testid=update-version]"), /新版本 9\.9\.9/);
});

test("Settings → About shows the version, the release notes and when it last checked", async () => {
  await openAbout();
  await check();
  assert.match(await s.textOf("[data-testid=about-version]"), /版本 0\.1\.0/);
  const notes = await s.textOf("[data-testid=update-notes]");
  assert.match(notes, /• 自动更新：设置 → 关于/);
  assert.match(notes, /修复导入大文件时卡住/);
  assert.doesNotMatch(notes, /\*\*|###/);
  assert.match(await s.textOf("[data-testid=update-checked-at]"), /上次检查：20\d\d/);
  const prefs = JSON.parse(readFileSync(join(dataDir, "updates.json"), "utf8"));
  assert.equal(prefs.auto_check, true);
  assert.ok(prefs.last_check, "the check time is kept for the once-a-day rule");
  await s.exec("document.querySelector('[data-testid=about]').scrollIntoView()");
  await s.screenshot(join(SHOTS, "about-update-zh-CN.png"));
});

test("a tampered package is refused in words and nothing is installed", async () => {
  scenario = "tampered";
  await check();
  const text = await installRefused(/更新包的签名校验没有通过，已拒绝安装，这台电脑上什么都没有改动/);
  assert.match(text, /详细信息：/);
  assert.ok(copyUnchanged(), "the app's file is untouched");
  assert.deepEqual(backups(), [], "refused before any backup or install step");
  assert.match(await s.textOf("[data-testid=about-version]"), /版本 0\.1\.0/);
  await s.screenshot(join(SHOTS, "about-refused-zh-CN.png"));
});

test("a package signed with another key is refused, in English too", async () => {
  scenario = "stranger";
  await s.click("[data-testid=lang-en]");
  await s.click("[data-testid=save-settings]");
  await s.waitFor("[data-testid=about]", { text: "Check for updates" });
  await check();
  assert.match(await s.textOf("[data-testid=update-version]"), /New version 9\.9\.9/);
  await installRefused(/The update's signature did not check out, so it was refused and nothing on this computer was changed/);
  assert.ok(copyUnchanged(), "the app's file is untouched");
  assert.deepEqual(backups(), []);
  await s.screenshot(join(SHOTS, "about-refused-en.png"));
});

test("a signed package announced as another version is refused", async () => {
  scenario = "replayed";
  await check("9.9.10");
  await installRefused(/The update's signature did not check out/);
  assert.ok(copyUnchanged(), "the app's file is untouched");
  assert.deepEqual(backups(), []);
});

test("the quiet check can be turned off", async () => {
  await s.click("[data-testid=update-auto]");
  await s.waitUntil(
    () => JSON.parse(readFileSync(join(dataDir, "updates.json"), "utf8")).auto_check === false,
    "the switch to be saved",
  );
  await s.click("[data-testid=update-auto]");
  await s.waitUntil(() => JSON.parse(readFileSync(join(dataDir, "updates.json"), "utf8")).auto_check === true, "on again");
});

test("a good package installs after a verified backup of the database, and the app restarts", async () => {
  scenario = "good";
  // Something to keep: the demo shop, written just before.
  await s.click("[data-testid=nav-inbox]");
  await s.click("[data-testid=load-demo]");
  await s.waitUntil(async () => (await s.count("[data-testid=case-table] tbody tr[data-case-id]")) > 0, "the demo shop");
  await openAbout();
  await check();
  await s.click("[data-testid=update-install]");
  // The app backs the database up, installs and ends itself to restart: the window goes away.
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline && sha256(appCopy) !== sha256(good)) await sleep(200);
  assert.equal(sha256(appCopy), sha256(good), "the app's file is now the signed package");
  const copies = backups();
  assert.equal(copies.length, 1, `one backup before the update: ${copies}`);
  assert.match(copies[0], /^haoping-\d{8}-\d{6}-before_update\.db$/);
  const copy = join(dataDir, "backups", copies[0]);
  const manifest = JSON.parse(readFileSync(copy.replace(/\.db$/, ".json"), "utf8"));
  assert.equal(manifest.reason, "before_update");
  const sql = (db, q) => execFileSync("sqlite3", [db, q], { encoding: "utf8" }).trim();
  assert.equal(sql(copy, "PRAGMA integrity_check"), "ok");
  await sleep(1000);
  assert.equal(sql(copy, "SELECT count(*) FROM cases"), sql(join(dataDir, "haoping.db"), "SELECT count(*) FROM cases"));
  assert.ok(Number(sql(copy, "SELECT count(*) FROM cases")) > 0, "the demo shop is in the copy");
  s = null; // the window is gone with the old version
});
