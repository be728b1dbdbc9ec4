// Data safety through the real window: back up the demo shop, lose a change by
// restoring, export the whole shop and import it into an empty app, and start on a
// damaged database and restore from its backup. Chinese first, then English.
import { test, before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, renameSync, statSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Session } from "./webdriver.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const DRIVER = process.env.WEBDRIVER_URL ?? "http://127.0.0.1:4444";
const APP = process.env.HAOPING_APP;
const SHOTS = process.env.E2E_ARTIFACTS ?? "tests/e2e/artifacts";
if (!APP) throw new Error("HAOPING_APP must name the app binary");

let s;
const rows = "[data-testid=case-table] tbody tr[data-case-id]";
const backupRows = "[data-testid=backup-row]";
const scratch = mkdtempSync(join(tmpdir(), "haoping-backup-e2e-"));
let dataDir = "";
let demoTotal = "";

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

async function restart() {
  await s.end();
  s = await Session.start(DRIVER, APP);
}

/** Sets an input's whole value at once, as a paste would. */
async function setInput(css, value) {
  await s.waitFor(css);
  await s.exec(
    `const el = document.querySelector(arguments[0]);
     el.focus();
     el.value = arguments[1];
     el.dispatchEvent(new Event("input", { bubbles: true }));`,
    css,
    value,
  );
}

/** Runs `action`, which makes the page reload itself, and waits for the new page: a fixed
 * sleep is not enough when the machine is busy, and a reload landing in the next step
 * loses its clicks. */
async function reloading(action) {
  await s.exec("window.__beforeReload = true;");
  await action();
  await s.waitUntil(async () => !(await s.exec("return window.__beforeReload === true;").catch(() => true)), "the page to reload", 60000);
  await s.waitFor("[data-testid=nav]", { timeout: 30000 });
}

/** Fills the archive dialog's path and checks the dialog holds it before running. */
async function runArchive(path) {
  await s.waitForDialog("[data-testid=archive-modal]");
  await setInput("[data-testid=archive-path] input", path);
  await s.waitUntil(
    async () => (await s.exec(`return document.querySelector("[data-testid=archive-path] input")?.value;`)) === path,
    "the path in the dialog",
  );
  // The run shows at once (a busy button, the dialog closing, or a new result): a click
  // lost to the window is made once more.
  const state = () =>
    s.exec(`const b = document.querySelector("[data-testid=archive-run]");
            return { open: !!b, busy: !!b && b.classList.contains("n-button--loading"),
                     result: document.querySelector("[data-testid=backup-result]")?.textContent ?? "" };`);
  const before = (await state()).result;
  await s.click("[data-testid=archive-run]");
  let now = await state();
  for (let i = 0; i < 20 && now.open && !now.busy && now.result === before; i++) {
    await sleep(100);
    now = await state().catch(() => ({ open: false }));
  }
  if (now.open && !now.busy && now.result === before) await s.click("[data-testid=archive-run]");
}

async function noDialog() {
  await s.waitUntil(async () => (await s.count("[data-testid=archive-modal], .n-dialog, .n-modal-mask")) === 0, "the dialog to close", 15000);
}

async function openSettings() {
  await s.click("[data-testid=nav-settings]");
  await s.waitFor("[data-testid=backup-settings]");
}

async function inboxTotal() {
  await s.click("[data-testid=nav-inbox]");
  await s.waitUntil(async () => (await s.count(rows)) > 0, "cases in the list", 30000);
  return (await s.textOf("[data-testid=total]")).trim();
}

test("the demo shop loads, and the sidebar warns that there is no backup yet", async () => {
  await s.click("[data-testid=nav-inbox]");
  await s.click("[data-testid=load-demo]");
  demoTotal = await inboxTotal();
  assert.match(demoTotal, /共 \d+ 条/);
  await s.exec(`window.location.reload();`);
  await s.waitFor("[data-testid=backup-warning]", { text: "还没有备份", timeout: 30000 });
});

test("立即备份 makes a verified backup that the list shows, and the warning goes", async () => {
  await openSettings();
  const dir = await s.textOf("[data-testid=backup-dir]");
  dataDir = dirname(dir.trim());
  assert.ok(existsSync(join(dataDir, "haoping.db")), `data dir ${dataDir}`);
  await s.click("[data-testid=backup-now]");
  await s.waitFor("[data-testid=backup-result]", { text: "已备份并校验", timeout: 30000 });
  await s.waitUntil(async () => (await s.count(backupRows)) >= 1, "the backup in the list");
  assert.match(await s.textOf(backupRows), /手动/);
  await s.waitUntil(async () => (await s.count("[data-testid=backup-warning]")) === 0, "the warning to go");
  const files = readdirSync(join(dataDir, "backups"));
  assert.ok(files.some((f) => f.endsWith(".db")) && files.some((f) => f.endsWith(".json")), files.join(", "));
  await sleep(300);
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "01-backups-zh.png"))}`);
});

test("restoring the backup undoes a later change, after backing up what was there", async () => {
  // A change after the backup: a new case.
  await s.click("[data-testid=nav-inbox]");
  await s.click("[data-testid=new-case]");
  await s.waitForDialog("[data-testid=add-modal]");
  await sleep(400);
  await s.type("[data-testid=add-product] input", "备份之后的新案例");
  await s.type("[data-testid=add-review] textarea", "这个案例会在恢复备份后消失");
  await s.click("[data-testid=add-submit]");
  await s.waitUntil(async () => (await s.textOf("[data-testid=total]")).trim() !== demoTotal, "the new case");
  await s.waitUntil(async () => (await s.count("[data-testid=add-modal]")) === 0, "the dialog to close");
  await sleep(400);

  await openSettings();
  await s.waitUntil(async () => (await s.count(backupRows)) >= 1, "the list");
  // The manual backup (the daily one may have been made meanwhile: it holds the new case).
  await s.exec(
    `const row = [...document.querySelectorAll("[data-testid=backup-row]")].find((r) => r.dataset.reason === "manual");
     row.querySelector("[data-testid=backup-restore]").click();`,
  );
  await s.waitFor(".n-dialog", { text: "从备份恢复" });
  // The window reloads on the restored database.
  await reloading(() => s.click(".n-dialog__action .n-button--warning-type"));
  assert.equal(await inboxTotal(), demoTotal);
  await openSettings();
  await s.waitUntil(
    async () => (await s.exec(`return [...document.querySelectorAll("[data-testid=backup-row]")].some((r) => r.dataset.reason === "before_restore");`)),
    "the backup made before the restore",
  );
  assert.match(await s.textOf("[data-testid=backup-list]"), /恢复前/);
});

test("导出整个店铺 writes one .haoping file; a damaged copy is refused by name", async () => {
  const out = join(scratch, "我的店铺.haoping");
  await s.click("[data-testid=export-shop]");
  await runArchive(out);
  await s.waitFor("[data-testid=backup-result]", { text: "已导出", timeout: 60000 });
  await noDialog();
  assert.ok(statSync(out).size > 10_000);
  // A truncated copy, refused before anything is written (and this app is not empty).
  const cut = join(scratch, "cut.haoping");
  const bytes = readFileSync(out);
  writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
  await s.click("[data-testid=import-shop]");
  await runArchive(cut);
  await s.waitFor("[data-testid=backup-result]", { text: "不是完整的好评店铺文件", timeout: 30000 });
  await s.exec(`document.querySelector("[data-testid=archive-modal] .n-base-close")?.click();`);
  await noDialog();
});

test("导入店铺 brings the whole shop into an empty app", async () => {
  await s.end();
  // Another computer: an empty data folder (this one's database moved away).
  const away = join(scratch, "old-data");
  renameSync(join(dataDir, "haoping.db"), join(scratch, "haoping-before-import.db"));
  for (const x of ["-wal", "-shm"]) {
    if (existsSync(join(dataDir, `haoping.db${x}`))) renameSync(join(dataDir, `haoping.db${x}`), join(scratch, `haoping-before-import.db${x}`));
  }
  assert.ok(!existsSync(away));
  s = await Session.start(DRIVER, APP);
  await s.waitFor("[data-testid=nav]", { timeout: 30000 });
  await s.click("[data-testid=nav-inbox]");
  await s.waitFor("[data-testid=empty]", { text: "还没有差评案例" });
  await openSettings();
  await s.click("[data-testid=import-shop]");
  // The window reloads on the imported shop.
  await reloading(() => runArchive(join(scratch, "我的店铺.haoping")));
  assert.equal(await inboxTotal(), demoTotal);
});

test("a damaged database at start: the screen names it, and the newest backup restores", async () => {
  await openSettings();
  await noDialog();
  await s.click("[data-testid=backup-now]");
  await s.waitFor("[data-testid=backup-result]", { text: "已备份并校验", timeout: 30000 });
  await s.end();
  const db = join(dataDir, "haoping.db");
  // Garbage over everything after the header page, as a failing disk leaves it.
  const bytes = readFileSync(db);
  const damaged = Buffer.concat([bytes.subarray(0, 100), Buffer.alloc(bytes.length - 100, 0x5a)]);
  writeFileSync(db, damaged);
  for (const x of ["-wal", "-shm"]) {
    if (existsSync(db + x)) renameSync(db + x, join(scratch, `damaged${x}`));
  }
  s = await Session.start(DRIVER, APP);
  await s.waitFor("[data-testid=start-recovery]", { timeout: 30000 });
  assert.match(await s.textOf("[data-testid=start-recovery]"), /数据库文件已损坏|数据库打不开/);
  assert.match(await s.textOf("[data-testid=start-path]"), /haoping\.db/);
  assert.match(await s.textOf("[data-testid=start-newest]"), /最新的备份/);
  await sleep(300);
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "02-damaged-start-zh.png"))}`);
  // The page reloads on the restored database: wait for that new page, not this one.
  await reloading(() => s.click("[data-testid=restore-newest]"));
  assert.equal(await inboxTotal(), demoTotal);
  // The damaged file is kept, byte for byte, beside the restored one.
  const kept = readdirSync(dataDir).filter((f) => f.startsWith("haoping.db.damaged-") && !f.endsWith("-wal") && !f.endsWith("-shm"));
  assert.equal(kept.length, 1, readdirSync(dataDir).join(", "));
  assert.ok(readFileSync(join(dataDir, kept[0])).equals(damaged), "kept exactly as it was");
});

test("in English: the backup settings and the start screen", async () => {
  // A fresh start on the restored database, as the owner would have it the next day.
  await s.end();
  s = await Session.start(DRIVER, APP);
  await s.waitFor("[data-testid=nav]", { timeout: 30000 });
  await openSettings();
  // The form is filled from the saved settings once they are read: choose after that.
  await sleep(500);
  await s.click("[data-testid=lang-en]");
  await s.click("[data-testid=save-settings]");
  await s.waitFor("[data-testid=nav]", { text: "Inbox" });
  await s.waitFor("[data-testid=backup-settings]", { text: "Data & backups" });
  assert.match(await s.textOf("[data-testid=backup-list]"), /Before a restore|Manual/);
  await sleep(300);
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "03-backups-en.png"))}`);
  await s.end();
  // Not a database at all.
  const db = join(dataDir, "haoping.db");
  for (const x of ["-wal", "-shm"]) {
    if (existsSync(db + x)) renameSync(db + x, join(scratch, `en${x}`));
  }
  renameSync(db, join(scratch, "en-good.db"));
  writeFileSync(db, "这不是数据库。".repeat(2000));
  s = await Session.start(DRIVER, APP);
  await s.waitFor("[data-testid=start-recovery]", { timeout: 30000 });
  await s.waitFor("[data-testid=start-recovery]", { text: "Restore the newest backup" });
  assert.match(await s.textOf("[data-testid=start-recovery]"), /not a Haoping database|damaged/);
  await sleep(300);
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "04-damaged-start-en.png"))}`);
  await s.click("[data-testid=restore-newest]");
  // The app then speaks the language saved in the backup it restored.
  await s.waitFor("[data-testid=nav]", { timeout: 30000 });
  await s.click("[data-testid=nav-inbox]");
  await s.waitUntil(async () => (await s.count(rows)) > 0, "the restored cases", 30000);
});
