#!/usr/bin/env node
// Start-up, memory and idle cost of Haoping beside an empty Tauri 2 app built the same way.
//
//   node tests/perf/startup.mjs [--runs 5] [--idle 65] [--port 4610] [--no-build]
//                               [--haoping path/to/haoping]
//
// --no-build uses the binaries already built; --haoping measures another build of Haoping
// (e.g. a copy of an earlier one, to compare).
// Builds Haoping (release, `tauri build --no-bundle`) and, in a temporary directory, the
// empty app carried in tests/perf/empty-app (tauri pinned to the version in Cargo.lock,
// Haoping's release profile). Then, on a private Xvfb screen and session bus, starts each
// app `--runs` times through tauri-driver, one start after another, after one unmeasured
// warm-up start each, and prints for every start:
//   - first text: from asking the driver for a session (which launches the app) until the
//     window shows useful text: the empty app's line; Haoping's start screen (Today) with
//     its counts and at least 200 characters, on a data directory holding the demo shop;
//   - memory: PSS of the app and every process it started (WebKit's web and network
//     processes), 3 s after the first text;
// then the medians and the ratios Haoping / empty. For Haoping it also prints where the
// start-up time went (the app's own start-up log and the page's performance marks), how long
// the first opening of each screen takes (Insights included) and a switch back to it.
// Finally, both apps sit untouched for `--idle` seconds (longer than any one-minute timer)
// while the CPU time and wake-ups (context switches) of their processes are counted.
//
// A measurement, not a test: it asserts nothing and is not run in CI.
import { spawn, execFileSync } from "node:child_process";
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Session } from "../e2e/webdriver.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const TEMPLATE = join(ROOT, "tests/perf/empty-app");
const TAURI_CLI = join(ROOT, "ui/node_modules/.bin/tauri");
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? Number(process.argv[i + 1]) : fallback;
}
const RUNS = option("runs", 5);
const IDLE_S = option("idle", 65);
const PORT = option("port", Number(process.env.PERF_PORT ?? 4610));
const BUILD = !process.argv.includes("--no-build");
const HAOPING = process.argv.includes("--haoping") ? resolve(process.argv[process.argv.indexOf("--haoping") + 1]) : null;
const SETTLE_MS = 3000;

const WORK = mkdtempSync(join(tmpdir(), "haoping-perf-"));
const LOGS = join(WORK, "logs");
mkdirSync(LOGS);

// ---------------------------------------------------------------- building both apps

function run(cmd, args, opts = {}) {
  console.error(`$ ${cmd} ${args.join(" ")}`);
  execFileSync(cmd, args, { stdio: ["ignore", process.stderr, process.stderr], ...opts });
}

function tauriVersion() {
  const lock = readFileSync(join(ROOT, "Cargo.lock"), "utf8");
  const m = lock.match(/\[\[package\]\]\nname = "tauri"\nversion = "([^"]+)"/);
  if (!m) throw new Error("tauri not found in Cargo.lock");
  return m[1];
}

function releaseProfile() {
  const toml = readFileSync(join(ROOT, "Cargo.toml"), "utf8");
  const m = toml.match(/\[profile\.release\][^[]*/);
  return m ? m[0].trim() : "";
}

/** Generates the empty app beside Haoping and builds it; returns its binary. */
function buildEmptyApp() {
  const dir = join(WORK, "empty-app");
  cpSync(TEMPLATE, dir, { recursive: true });
  mkdirSync(join(dir, "icons"));
  for (const icon of ["32x32.png", "128x128.png"]) copyFileSync(join(ROOT, "icons", icon), join(dir, "icons", icon));
  const version = tauriVersion();
  const manifest = readFileSync(join(dir, "Cargo.toml"), "utf8")
    .replace('tauri = { version = "2"', `tauri = { version = "=${version}"`)
    .concat(`\n${releaseProfile()}\n`);
  writeFileSync(join(dir, "Cargo.toml"), manifest);
  // Haoping's lock file: every crate the two share is the very same version.
  copyFileSync(join(ROOT, "Cargo.lock"), join(dir, "Cargo.lock"));
  // Haoping's own target directory: the dependencies both share (tauri's whole GTK and WebKit
  // stack, same versions, same profile) are built once, and the binary outlives the copy.
  const target = join(ROOT, "target");
  if (BUILD || !existsSync(join(target, "release/empty-tauri"))) {
    run(TAURI_CLI, ["build", "--no-bundle"], { cwd: dir, env: { ...process.env, CARGO_TARGET_DIR: target } });
  }
  return join(target, "release/empty-tauri");
}

function buildHaoping() {
  if (!HAOPING && (BUILD || !existsSync(join(ROOT, "target/release/haoping")))) {
    run(TAURI_CLI, ["build", "--no-bundle"], { cwd: ROOT });
  }
  return HAOPING ?? join(ROOT, "target/release/haoping");
}

/**
 * The CLI only writes the demo shop, which is the same from any build: the debug one, warm
 * from the tests, spares a second release build of the core (the CLI's features differ from
 * the app's, so the app's release build cannot be reused for it).
 */
function cli() {
  const release = join(ROOT, "target/release/haoping-cli");
  if (existsSync(release)) return release;
  const debug = join(ROOT, "target/debug/haoping-cli");
  if (BUILD || !existsSync(debug)) run("cargo", ["build", "-p", "haoping-cli"], { cwd: ROOT });
  return debug;
}

/** A database holding the demo shop, copied into a fresh data directory for every start. */
function demoDatabase() {
  const dir = join(WORK, "demo");
  mkdirSync(dir);
  run(cli(), ["demo"], { env: { ...process.env, HAOPING_DATA_DIR: dir } });
  return join(dir, "haoping.db");
}

// ---------------------------------------------------------------- a private screen and bus

const children = [];
function background(cmd, args, opts = {}) {
  const child = spawn(cmd, args, { stdio: "ignore", ...opts });
  children.push(child);
  return child;
}
process.on("exit", () => {
  for (const c of children) if (c.exitCode === null) c.kill();
});
process.on("SIGINT", () => process.exit(130));
process.on("SIGTERM", () => process.exit(143));

function startScreenAndBus() {
  const display = `:${(PORT % 100) + 40}`;
  background("Xvfb", [display, "-screen", "0", "1440x900x24", "-nolisten", "tcp"]);
  const bus = execFileSync("dbus-launch", ["--sh-syntax"], { encoding: "utf8" });
  const env = { DISPLAY: display };
  // The address comes quoted, the daemon's pid bare: both are needed, the pid to stop it.
  for (const [, k, v] of bus.matchAll(/^(\w+)='?([^';]*)'?;/gm)) env[k] = v;
  if (env.DBUS_SESSION_BUS_PID) process.on("exit", () => process.kill(Number(env.DBUS_SESSION_BUS_PID)));
  for (let i = 0; i < 50; i++) {
    try {
      execFileSync("xdpyinfo", [], { env: { ...process.env, DISPLAY: display }, stdio: "ignore" });
      break;
    } catch {
      execFileSync("sleep", ["0.1"]);
    }
  }
  return env;
}

// ---------------------------------------------------------------- processes, memory, CPU

function stat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const rest = text.slice(text.lastIndexOf(")") + 2).split(" ");
    // Fields after the name: state(3) ppid(4) … utime(14) stime(15), counted from 1.
    return { ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) };
  } catch {
    return null;
  }
}

function pids() {
  return readdirSync("/proc").filter((d) => /^\d+$/.test(d)).map(Number);
}

/** The app started under `marker` (an environment variable set for its driver only). */
function findApp(binary, marker) {
  const real = realpathSync(binary);
  for (const pid of pids()) {
    try {
      if (readlinkSync(`/proc/${pid}/exe`) !== real) continue;
      if (readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").includes(marker)) return pid;
    } catch {
      /* gone, or not ours */
    }
  }
  return null;
}

/** The app and every process below it. */
function tree(root) {
  const parent = new Map(pids().map((p) => [p, stat(p)?.ppid]));
  const all = [root];
  for (let i = 0; i < all.length; i++) {
    for (const [p, pp] of parent) if (pp === all[i]) all.push(p);
  }
  return all;
}

function comm(pid) {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "?";
  }
}

/** PSS in MB per process name, and the total. */
function memory(root) {
  const parts = {};
  let total = 0;
  for (const pid of tree(root)) {
    try {
      const kb = Number(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8").match(/^Pss:\s+(\d+)/m)[1]);
      const name = pid === root ? "app" : comm(pid);
      parts[name] = (parts[name] ?? 0) + kb / 1024;
      total += kb / 1024;
    } catch {
      /* gone */
    }
  }
  return { total, parts };
}

const TICK_MS = 1000 / Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());

/** CPU time and context switches (each one a thread waking up) of every process of the app. */
function activity(root) {
  const out = {};
  for (const pid of tree(root)) {
    const name = pid === root ? "app" : comm(pid);
    const entry = (out[name] ??= { cpuMs: 0, wakeups: 0 });
    entry.cpuMs += (stat(pid)?.ticks ?? 0) * TICK_MS;
    try {
      for (const task of readdirSync(`/proc/${pid}/task`)) {
        const s = readFileSync(`/proc/${pid}/task/${task}/status`, "utf8");
        entry.wakeups += Number(s.match(/^voluntary_ctxt_switches:\s+(\d+)/m)?.[1] ?? 0);
        entry.wakeups += Number(s.match(/^nonvoluntary_ctxt_switches:\s+(\d+)/m)?.[1] ?? 0);
      }
    } catch {
      /* gone */
    }
  }
  return out;
}

function activityDelta(before, after) {
  const out = {};
  for (const [name, a] of Object.entries(after)) {
    const b = before[name] ?? { cpuMs: 0, wakeups: 0 };
    out[name] = { cpuMs: a.cpuMs - b.cpuMs, wakeups: a.wakeups - b.wakeups };
  }
  return out;
}

// ---------------------------------------------------------------- one start

/** What the page knows about its own start: navigation and resource timing, marks. */
const PAGE_TIMING = `
  const nav = performance.getEntriesByType("navigation")[0];
  return {
    origin: performance.timeOrigin,
    nav: nav ? { responseEnd: nav.responseEnd, domInteractive: nav.domInteractive,
                 domContentLoaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd } : null,
    resources: performance.getEntriesByType("resource").map((r) => ({ name: r.name, end: r.responseEnd })),
    marks: performance.getEntriesByType("mark").map((m) => ({ name: m.name, at: m.startTime })),
  };`;

/** The app's start-up log line (see src-tauri/src/startup_log.rs). */
function rustTiming(logFile, xdgData) {
  const sources = [logFile];
  const logDir = join(xdgData, "app.haoping.desktop", "logs");
  if (existsSync(logDir)) sources.push(...readdirSync(logDir).map((f) => join(logDir, f)));
  for (const file of sources) {
    const text = existsSync(file) ? readFileSync(file, "utf8") : "";
    const lines = text.split("\n").filter((l) => l.includes("start-up timing "));
    const last = lines.at(-1);
    if (last) return JSON.parse(last.slice(last.indexOf("start-up timing ") + "start-up timing ".length));
  }
  return null;
}

async function startDriver(env, logFile) {
  const out = openSync(logFile, "a");
  const driver = background("tauri-driver", ["--port", String(PORT), "--native-port", String(PORT + 1)], {
    env,
    stdio: ["ignore", out, out],
  });
  const base = `http://127.0.0.1:${PORT}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/status`)).ok) return { driver, base };
    } catch {
      /* not up yet */
    }
    await sleep(100);
  }
  throw new Error("tauri-driver did not start");
}

async function stopDriver(driver) {
  driver.kill();
  await new Promise((r) => (driver.exitCode === null ? driver.once("exit", r) : r()));
  // The native driver tauri-driver started goes with it; wait until its port is free.
  for (let i = 0; i < 50; i++) {
    try {
      execFileSync("pgrep", ["-f", `WebKitWebDriver --port=${PORT + 1}`], { stdio: "ignore" });
      await sleep(100);
    } catch {
      return;
    }
  }
}

/**
 * Starts `app` once; returns its first-text time, memory, and (when asked) the page's
 * timing, screen timings and idle activity.
 */
async function start(app, n, { screens = false, idle = 0 } = {}) {
  const marker = `HAOPING_PERF_RUN=${app.name}-${n}-${process.pid}`;
  const dataDir = mkdtempSync(join(WORK, `${app.name}-data-`));
  if (app.database) copyFileSync(app.database, join(dataDir, "haoping.db"));
  const logFile = join(LOGS, `${app.name}-${n}.log`);
  const env = {
    ...process.env,
    ...app.display,
    [marker.split("=")[0]]: marker.split("=")[1],
    HAOPING_DATA_DIR: dataDir,
    XDG_DATA_HOME: app.xdg.data,
    XDG_CONFIG_HOME: app.xdg.config,
    XDG_CACHE_HOME: app.xdg.cache,
    TAURI_WEBVIEW_AUTOMATION: "true",
    // As in the end-to-end tests: no accessibility bus or portals on a bare screen.
    NO_AT_BRIDGE: "1",
    GTK_A11Y: "none",
    GTK_USE_PORTAL: "0",
  };
  const { driver, base } = await startDriver(env, logFile);
  let session;
  try {
    const launchedAt = performance.timeOrigin + performance.now();
    const t0 = performance.now();
    session = await Session.start(base, app.binary, 60000);
    let firstText = null;
    const deadline = Date.now() + 60000;
    while (firstText === null && Date.now() < deadline) {
      const ok = await session.exec(app.ready).catch(() => false);
      if (ok) firstText = performance.now() - t0;
      else await sleep(15);
    }
    if (firstText === null) throw new Error(`${app.name}: no useful text within 60 s`);
    const page = await session.exec(PAGE_TIMING);
    await sleep(SETTLE_MS);
    const pid = findApp(app.binary, marker);
    if (!pid) throw new Error(`${app.name}: its process was not found`);
    const mem = memory(pid);
    const result = { firstText, mem, page, launchedAt, pid };

    if (idle > 0) {
      const before = activity(pid);
      await sleep(idle * 1000);
      result.idle = activityDelta(before, activity(pid));
      // An animation left running (a spinner no one sees) is the usual cause of idle CPU.
      result.animations = await session
        .exec(
          `return document.getAnimations().map((a) => {
             const el = a.effect && a.effect.target;
             const what = a.animationName || a.transitionProperty || a.constructor.name;
             return what + " on " + (el ? el.tagName.toLowerCase() + "." + (el.getAttribute("class") || "") : "?");
           });`,
        )
        .catch(() => null);
    }
    if (screens) result.screens = await openScreens(session);
    if (screens) result.memAfterScreens = memory(pid);
    await session.end().catch(() => {});
    session = null;
    result.rust = rustTiming(logFile, app.xdg.data);
    return result;
  } finally {
    if (session) await session.end().catch(() => {});
    await stopDriver(driver);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- Haoping's screens

/** When each screen counts as open: its data shown, not just its frame. */
const SCREEN_READY = {
  today: `const c = document.querySelector("[data-testid=today-counts]"); return !!c && /\\d/.test(c.textContent);`,
  inbox: `return document.querySelectorAll("[data-testid=case-table] tbody tr[data-case-id]").length > 0;`,
  insights: `const cards = document.querySelectorAll("[data-testid=charts] section[data-empty]");
    return cards.length > 0 && [...cards].every((c) => c.dataset.empty === "true" || !!c.querySelector("canvas"));`,
  ledger: `return !!document.querySelector("[data-testid=ledger-totals]") && !document.querySelector(".content .n-spin-body");`,
  intake: `return !!document.querySelector("[data-testid=intake]") && !document.querySelector(".content .n-spin-body");`,
  templates: `return document.querySelectorAll("[data-testid=templates-view] [data-template-key], [data-testid=templates-view] tbody tr").length > 0;`,
  triage: `return !!document.querySelector("[data-testid=triage-screen]") && !document.querySelector(".content .n-spin-body");`,
  ai: `return !!document.querySelector("[data-testid=ai-settings]") && !document.querySelector(".content .n-spin-body");`,
  settings: `return !!document.querySelector("[data-testid=language]");`,
};

/**
 * Clicks a screen's entry in the navigation and, in the page, waits frame by frame until
 * the screen shows its data; returns the milliseconds from the click to that frame.
 */
async function openScreen(session, key) {
  // The check is written into the script, not built with `new Function` in the page: the
  // app's content security policy forbids evaluating strings there.
  const ms = await session.execAsync(
    `const done = arguments[arguments.length - 1];
     const ready = () => { ${SCREEN_READY[key]} };
     const entry = document.querySelector("[data-testid=nav-" + arguments[0] + "]");
     if (!entry) return done(-1);
     const t0 = performance.now();
     entry.click();
     const check = () => {
       let ok = false;
       try { ok = ready(); } catch (e) { ok = false; }
       if (ok) return done(performance.now() - t0);
       if (performance.now() - t0 > 20000) return done(-1);
       requestAnimationFrame(check);
     };
     requestAnimationFrame(check);`,
    key,
  );
  return ms < 0 ? null : ms;
}

async function openScreens(session) {
  const first = {};
  for (const key of ["insights", "inbox", "ledger", "intake", "templates", "triage", "ai", "settings"]) {
    first[key] = await openScreen(session, key);
    await sleep(500);
  }
  const again = {};
  for (const key of ["today", "inbox", "insights", "today", "inbox"]) {
    (again[key] ??= []).push(await openScreen(session, key));
    await sleep(300);
  }
  return { first, again };
}

// ---------------------------------------------------------------- report

const median = (xs) => {
  const s = xs.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
  if (s.length === 0) return null;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const f0 = (x) => (x === null || x === undefined ? "–" : x.toFixed(0));
const f2 = (x) => (x === null || x === undefined ? "–" : x.toFixed(2));

/** Haoping's start-up, phase by phase, in ms after the driver was asked to launch it. */
function breakdown(r) {
  const rows = [];
  const launched = r.launchedAt;
  if (r.rust) {
    const at = (ms) => r.rust.launch_epoch_ms + ms - launched;
    rows.push(["process started (main)", at(0)]);
    for (const [name, ms] of r.rust.marks) rows.push([`rust: ${name}`, at(ms)]);
  }
  const p = r.page;
  if (p) {
    const at = (ms) => p.origin + ms - launched;
    rows.push(["page: navigation start", at(0)]);
    if (p.nav) rows.push(["page: html received", at(p.nav.responseEnd)]);
    for (const res of p.resources) {
      const name = res.name.split("/").pop();
      if (/\.(js|css)$/.test(name)) rows.push([`page: ${name} received`, at(res.end)]);
    }
    if (p.nav) rows.push(["page: DOM interactive", at(p.nav.domInteractive)]);
    if (p.nav) rows.push(["page: DOMContentLoaded done", at(p.nav.domContentLoaded)]);
    for (const m of p.marks) rows.push([`page: ${m.name}`, at(m.at)]);
  }
  rows.push(["driver saw the useful text", r.firstText]);
  return rows.sort((a, b) => a[1] - b[1]);
}

function printBreakdown(results) {
  // Phases by name, median over the runs.
  const byName = new Map();
  for (const r of results) {
    for (const [name, at] of breakdown(r)) {
      const key = name.replace(/-[\w-]{8}\.(js|css)/, ".$1");
      (byName.get(key) ?? byName.set(key, []).get(key)).push(at);
    }
  }
  const rows = [...byName].map(([name, xs]) => [name, median(xs), xs.length]).sort((a, b) => a[1] - b[1]);
  console.log("\nHaoping start-up, ms after the driver was asked to launch it (median over the runs):");
  let prev = 0;
  for (const [name, at, n] of rows) {
    console.log(`  ${f0(at).padStart(6)}  (+${f0(at - prev).padStart(4)})  ${name}${n < results.length ? ` [${n} runs]` : ""}`);
    prev = at;
  }
}

function printMemory(label, mems) {
  const names = [...new Set(mems.flatMap((m) => Object.keys(m.parts)))];
  const parts = names.map((n) => `${n} ${f0(median(mems.map((m) => m.parts[n] ?? 0)))}`).join(", ");
  console.log(`  ${label}: ${f0(median(mems.map((m) => m.total)))} MB (${parts})`);
}

function printIdle(label, idle, seconds) {
  if (!idle) return;
  const total = Object.values(idle).reduce((a, b) => ({ cpuMs: a.cpuMs + b.cpuMs, wakeups: a.wakeups + b.wakeups }), {
    cpuMs: 0,
    wakeups: 0,
  });
  const parts = Object.entries(idle)
    .map(([n, v]) => `${n} ${f0(v.cpuMs)} ms / ${v.wakeups} wake-ups`)
    .join("; ");
  console.log(
    `  ${label}: ${f0(total.cpuMs)} ms CPU in ${seconds} s (${f2((total.cpuMs / (seconds * 1000)) * 100)} %), ${total.wakeups} wake-ups (${parts})`,
  );
}

// ---------------------------------------------------------------- main

async function main() {
  const empty = { name: "empty", binary: buildEmptyApp(), ready: `return !!document.body && document.body.innerText.trim().length > 0;` };
  const haoping = {
    name: "haoping",
    binary: buildHaoping(),
    database: null,
    ready: `const c = document.querySelector("[data-testid=today-counts]");
      return !!c && /\\d/.test(c.textContent) && document.body.innerText.length >= 200;`,
  };
  haoping.database = demoDatabase();
  const display = startScreenAndBus();
  for (const app of [empty, haoping]) {
    app.display = display;
    const home = join(WORK, `${app.name}-home`);
    app.xdg = { data: join(home, "data"), config: join(home, "config"), cache: join(home, "cache") };
  }

  const results = { empty: [], haoping: [] };
  for (const app of [empty, haoping]) await start(app, 0); // warm-up: files in the page cache
  for (let i = 1; i <= RUNS; i++) {
    for (const app of [empty, haoping]) {
      const last = i === RUNS;
      const r = await start(app, i, { screens: last && app === haoping, idle: last ? IDLE_S : 0 });
      results[app.name].push(r);
      console.error(`run ${i} ${app.name}: first text ${f0(r.firstText)} ms, ${f0(r.mem.total)} MB`);
    }
  }

  const e = results.empty;
  const h = results.haoping;
  const eText = median(e.map((r) => r.firstText));
  const hText = median(h.map((r) => r.firstText));
  const eMem = median(e.map((r) => r.mem.total));
  const hMem = median(h.map((r) => r.mem.total));

  console.log(`\nStart-up and memory, ${RUNS} starts each (after one warm-up), alternating:`);
  console.log(`  empty Tauri app first text (ms):   ${e.map((r) => f0(r.firstText)).join(", ")}  median ${f0(eText)}`);
  console.log(`  Haoping Today with counts (ms):    ${h.map((r) => f0(r.firstText)).join(", ")}  median ${f0(hText)}`);
  console.log(`  empty Tauri app PSS (MB):          ${e.map((r) => f0(r.mem.total)).join(", ")}  median ${f0(eMem)}`);
  console.log(`  Haoping, demo shop, PSS (MB):      ${h.map((r) => f0(r.mem.total)).join(", ")}  median ${f0(hMem)}`);
  console.log(`  ratio start-up  ${f2(hText / eText)}  (goal ≤ 1.5)`);
  console.log(`  ratio memory    ${f2(hMem / eMem)}  (goal ≤ 1.3)`);
  console.log("\nMemory by process (median PSS):");
  printMemory("empty", e.map((r) => r.mem));
  printMemory("Haoping", h.map((r) => r.mem));
  const withScreens = h.find((r) => r.memAfterScreens);
  if (withScreens) printMemory("Haoping after opening every screen", [withScreens.memAfterScreens]);

  printBreakdown(h);

  const scr = h.find((r) => r.screens)?.screens;
  if (scr) {
    console.log("\nHaoping screens, ms from the click until the screen shows its data:");
    console.log(`  first opening: ${Object.entries(scr.first).map(([k, v]) => `${k} ${f0(v)}`).join(", ")}`);
    console.log(`  switching back: ${Object.entries(scr.again).map(([k, v]) => `${k} ${v.map(f0).join("/")}`).join(", ")}`);
  }

  console.log(`\nIdle (nothing touched for ${IDLE_S} s after the first text):`);
  printIdle("empty", e.at(-1).idle, IDLE_S);
  printIdle("Haoping", h.at(-1).idle, IDLE_S);
  for (const [label, r] of [["empty", e.at(-1)], ["Haoping", h.at(-1)]]) {
    if (r.animations) console.log(`  ${label}: ${r.animations.length} animations running${r.animations.length ? `: ${r.animations.join("; ")}` : ""}`);
  }
  console.log(`\nlogs: ${LOGS}`);
}

// Exits explicitly: the screen server keeps the event loop alive, and the exit handler is
// what stops it and the bus.
main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
