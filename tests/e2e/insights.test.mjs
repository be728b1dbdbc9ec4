// Insights through the real window: on the demo shop every chart of the dashboard draws
// (canvas present and painted, data behind it); a bar of the trend opens the inbox on that
// cause and day with exactly the cases it counts; an alert's bar lists its cases; 90 days
// switch to weeks; the closed-loop report and the case export are written to files (the
// native save dialog cannot be driven, so the path goes through the dialogs' path field,
// which runs the same commands as a path chosen in the save dialog); in English the
// titles and axes read in English.
import { test, before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Session } from "./webdriver.mjs";

const DRIVER = process.env.WEBDRIVER_URL ?? "http://127.0.0.1:4444";
const APP = process.env.HAOPING_APP;
const SHOTS = process.env.E2E_ARTIFACTS ?? "tests/e2e/artifacts";
if (!APP) throw new Error("HAOPING_APP must name the app binary");

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const CHARTS = ["trend", "causes", "products", "alerts", "recoveryCause", "recoveryTrend", "response", "spendTrend", "spendKind"];
const OUT = mkdtempSync(join(tmpdir(), "haoping-insights-"));
const rows = "[data-testid=case-table] tbody tr[data-case-id]";

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

/** Text as the page holds it (WebDriver's text is only what is visible). */
async function contentOf(css) {
  await s.waitFor(css);
  return s.exec(`return document.querySelector(arguments[0]).textContent;`, css);
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

/** What a chart holds and shows: its series data, and how much of its canvas is painted. */
async function chartState(key) {
  return s.exec(
    `const host = document.querySelector('[data-testid=chart-' + arguments[0] + '] [data-testid=chart-canvas]');
     if (!host || !host.echarts) return null;
     const canvas = host.querySelector("canvas");
     const ctx = canvas && canvas.getContext("2d");
     let painted = 0;
     if (ctx) {
       const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
       for (let i = 0; i < px.length; i += 16) if (px[i + 3] > 0 && (px[i] < 235 || px[i + 1] < 235 || px[i + 2] < 235)) painted++;
     }
     const o = host.echarts.getOption();
     const values = (o.series || []).flatMap((x) => (x.data || []).map((v) => (v && typeof v === "object" ? v.value : v)));
     const axisNames = [].concat(o.yAxis || [], o.xAxis || []).map((a) => a.name || "");
     return {
       width: canvas ? canvas.width : 0,
       painted,
       points: values.filter((v) => v !== null && v !== undefined && v !== "-" && Number(v) !== 0).length,
       series: (o.series || []).map((x) => x.name),
       axisNames,
       xLabels: ((o.xAxis || [])[0] || {}).data || [],
     };`,
    key,
  );
}

/** A real mouse click at a point of the page (CSS pixels of the viewport). */
async function clickAt(x, y) {
  await s.cmd("POST", "/actions", {
    actions: [
      {
        type: "pointer",
        id: "mouse",
        parameters: { pointerType: "mouse" },
        actions: [
          { type: "pointerMove", duration: 0, origin: "viewport", x: Math.round(x), y: Math.round(y) },
          { type: "pointerDown", button: 0 },
          { type: "pause", duration: 60 },
          { type: "pointerUp", button: 0 },
        ],
      },
    ],
  });
  await s.cmd("DELETE", "/actions").catch(() => {});
}

/**
 * Where on the screen a bar of a chart is: the middle of series `seriesId`'s bar with the
 * largest value, with the period index, the value and the series' name.
 */
async function barOf(key, seriesId) {
  return s.exec(
    `const host = document.querySelector('[data-testid=chart-' + arguments[0] + '] [data-testid=chart-canvas]');
     host.scrollIntoView({ block: "center" });
     const chart = host.echarts;
     const o = chart.getOption();
     const si = arguments[1] ? o.series.findIndex((x) => x.id === arguments[1]) : 0;
     const data = o.series[si].data.map((v) => (v && typeof v === "object" ? v.value : v) || 0);
     let best = 0;
     data.forEach((v, i) => { if (v > data[best]) best = i; });
     const horizontal = !!(o.yAxis && o.yAxis[0] && o.yAxis[0].type === "category");
     const point = chart.convertToPixel({ seriesIndex: si }, horizontal ? [data[best] / 2, best] : [best, data[best] / 2]);
     const box = host.getBoundingClientRect();
     return { x: box.left + point[0], y: box.top + point[1], index: best, value: data[best], name: o.series[si].name,
              id: o.series[si].id, label: ((horizontal ? o.yAxis[0] : o.xAxis[0]).data || [])[best] };`,
    key,
    seriesId ?? null,
  );
}

async function openInsights() {
  await s.click("[data-testid=nav-insights]");
  await s.waitFor("[data-testid=charts]", { timeout: 30000 });
  // Every card with data has drawn once its canvas is sized.
  await s.waitUntil(async () => {
    const states = await Promise.all(CHARTS.map(chartState));
    return states.every((x) => x && x.painted > 0);
  }, "every chart to paint", 20000);
}

test("the demo shop loads from the inbox", async () => {
  await s.click("[data-testid=nav-inbox]");
  await s.click("[data-testid=load-demo]");
  await s.waitFor(rows, { timeout: 30000 });
});

test("every chart of the dashboard draws the demo shop's last 30 days", async () => {
  await openInsights();
  assert.match(await s.textOf("[data-testid=range-label]"), /\d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}/);
  for (const key of CHARTS) {
    const st = await chartState(key);
    assert.ok(st, `${key}: a chart, not an empty state`);
    assert.ok(st.width > 100, `${key}: the canvas has a size`);
    assert.ok(st.painted > 200, `${key}: the canvas is painted (${st.painted})`);
    assert.ok(st.points > 0, `${key}: data behind it`);
    assert.equal(await s.count(`[data-testid=chart-${key}] [data-testid=chart-empty]`), 0);
  }
  const trend = await chartState("trend");
  assert.ok(trend.series.includes("差评率"), "the bad-review rate line is there");
  assert.ok(trend.series.includes("质量问题"));
  assert.deepEqual(trend.axisNames.slice(0, 2), ["条数", "差评率"]);
  const tile = (k) => s.textOf(`[data-testid=tile-${k}] [data-testid=tile-value]`);
  assert.match(await tile("bad-rate"), /^\d+\.\d%$/);
  assert.match(await tile("recovery"), /^\d+\.\d%$/);
  assert.match(await tile("first-contact"), /分钟|小时|天/);
  assert.match(await tile("spent"), /^¥\d+\.\d{2}$/);
  assert.match(await tile("per-recovered"), /^¥\d+\.\d{2}$/);
  assert.ok(Number(await tile("missed")) > 0);
  await s.exec(`document.querySelector("[data-testid=insights] .body").scrollTop = 0;`);
  await sleep(300);
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "01-dashboard-zh.png"))}`);
  await s.exec(`document.querySelector("[data-testid=chart-spendKind]").scrollIntoView({ block: "end" });`);
  await sleep(300);
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "02-dashboard-zh-lower.png"))}`);
});

test("a tooltip explains a bar in the owner's words", async () => {
  const bar = await barOf("trend");
  await s.cmd("POST", "/actions", {
    actions: [{ type: "pointer", id: "mouse", parameters: { pointerType: "mouse" }, actions: [{ type: "pointerMove", duration: 0, origin: "viewport", x: Math.round(bar.x), y: Math.round(bar.y) }] }],
  });
  await s.waitUntil(async () => {
    const text = await s.exec(`const t = [...document.querySelectorAll("[data-testid=chart-trend] div")].find((d) => d.textContent.includes("点击查看案例")); return t ? t.textContent : "";`);
    return text.includes(bar.name) ? text : null;
  }, "the trend's tooltip");
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "03-tooltip-zh.png"))}`);
  await s.cmd("DELETE", "/actions").catch(() => {});
});

test("clicking a bar of the trend opens the inbox on that cause and day, with its cases", async () => {
  const bar = await barOf("trend");
  assert.ok(bar.value > 0, "a bar to click");
  await clickAt(bar.x, bar.y);
  await s.waitFor("[data-testid=case-table]", { timeout: 15000 });
  await s.waitFor("[data-testid=total]", { text: `共 ${bar.value} 条` });
  await sleep(300);
  const causes = await s.exec(
    `return [...document.querySelectorAll("[data-testid=case-table] tbody tr[data-case-id]")].map((r) => r.textContent);`,
  );
  assert.equal(causes.length, bar.value);
  for (const text of causes) assert.ok(text.includes(bar.name), `every case is of ${bar.name}: ${text}`);
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "04-inbox-from-bar.png"))}`);
});

test("an alert's bar lists the cases that mention the word; a row opens its case", async () => {
  await openInsights();
  const bar = await barOf("alerts");
  assert.ok(bar.value > 0);
  await clickAt(bar.x, bar.y);
  await s.waitFor("[data-testid=drill-drawer]");
  await s.waitFor("[data-testid=drill-total]", { text: `共 ${bar.value} 个案例` });
  const term = String(bar.label).split(" ")[0];
  const texts = await s.exec(`return [...document.querySelectorAll("[data-testid=drill-table] tbody tr[data-case-id]")].map((r) => r.textContent);`);
  assert.equal(texts.length, bar.value);
  await sleep(400);
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "05-drill-zh.png"))}`);
  const id = await s.exec(`return document.querySelector("[data-testid=drill-table] tbody tr[data-case-id]").getAttribute("data-case-id");`);
  await s.click(`[data-testid=drill-table] tbody tr[data-case-id="${id}"] td`);
  await s.waitFor("[data-testid=case-detail] .title", { text: `#${id}` });
  assert.match(await contentOf("[data-testid=detail-review]"), new RegExp(term));
});

test("the last 90 days are shown by week", async () => {
  await openInsights();
  const before = await s.textOf("[data-testid=range-label]");
  await s.click("[data-testid=range-presets] [data-preset=last90]");
  await s.waitUntil(async () => (await s.textOf("[data-testid=range-label]")) !== before, "the range to change");
  await s.waitUntil(async () => {
    const st = await chartState("trend");
    return st && st.xLabels.length > 0 && st.xLabels.every((l) => /^W\d{2}$/.test(l)) ? st : null;
  }, "weekly periods on the trend");
  const [from, to] = (await s.textOf("[data-testid=range-label]")).split(" 至 ");
  assert.equal((Date.parse(to) - Date.parse(from)) / 86_400_000, 89);
  assert.match(await contentOf("[data-testid=granularity]"), /按周/);
  for (const key of CHARTS) assert.ok((await chartState(key))?.painted > 0, `${key} still draws`);
});

test("the closed-loop report is written as a printable page and as a workbook", async () => {
  await s.click("[data-testid=open-report]");
  await s.waitFor("[data-testid=report-dialog]");
  await sleep(400); // the dialog fades in
  // The dashboard's range (90 days) first: the shop's whole story.
  const [from, to] = (await s.textOf("[data-testid=range-label]")).split(" 至 ");
  await s.waitFor("[data-testid=report-covers]", { text: `覆盖 ${from} 至 ${to}` });
  await s.click("[data-testid=report-format] [data-format=html]");
  await s.click("[data-testid=report-open]"); // no browser in the test session
  const html = join(OUT, "报告.html");
  await setInput("[data-testid=report-path] input", html);
  await sleep(200);
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "06-report-dialog-zh.png"))}`);
  await s.click("[data-testid=report-save]");
  await s.waitFor("[data-testid=report-saved]", { text: html, timeout: 20000 });
  assert.ok(existsSync(html), "the page was written");
  const page = readFileSync(html, "utf8");
  assert.match(page, /差评闭环报告/);
  assert.match(page, /→/, "recurring problems with what to change");

  // Then this month's report, in English, as a workbook.
  await s.click("[data-testid=report-kind] [data-kind=month]");
  await s.waitFor("[data-testid=report-covers]", { text: /-01 至/ });
  await s.click("[data-testid=report-format] [data-format=xlsx]");
  await s.click("[data-testid=report-lang] [data-lang=en]");
  const xlsx = join(OUT, "monthly");
  await setInput("[data-testid=report-path] input", xlsx);
  await sleep(200);
  await s.click("[data-testid=report-save]");
  await s.waitFor("[data-testid=report-saved]", { text: `${xlsx}.xlsx`, timeout: 20000 });
  const book = readFileSync(`${xlsx}.xlsx`);
  assert.equal(book.subarray(0, 2).toString(), "PK", "an xlsx (zip) workbook");
  await s.exec(`document.querySelector("[data-testid=report-dialog] .n-base-close").click();`);
  await s.waitUntil(async () => (await s.count("[data-testid=report-dialog]")) === 0, "the dialog to close");
});

test("the case export masks phone numbers unless personal data is ticked", async () => {
  await s.click("[data-testid=open-export]");
  await s.waitFor("[data-testid=export-dialog]");
  await s.waitFor("[data-testid=export-matching]", { text: /符合条件：\d+ 个案例/ });
  const n = Number((await s.textOf("[data-testid=export-matching]")).match(/(\d+)/)[1]);
  assert.ok(n > 10);
  await s.click("[data-testid=export-format] [data-format=csv]");
  const masked = join(OUT, "cases.csv");
  await setInput("[data-testid=export-path] input", masked);
  await sleep(200);
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "07-export-dialog-zh.png"))}`);
  await s.click("[data-testid=export-save]");
  await s.waitFor("[data-testid=export-saved]", { text: `已导出 ${n} 个案例`, timeout: 20000 });
  const csv = readFileSync(masked, "utf8");
  assert.match(csv, /案例号/);
  assert.match(csv, /139\*{6}04/, "the demo buyer's phone, masked");
  assert.doesNotMatch(csv, /13912876504/);

  await s.click("[data-testid=export-personal]");
  await s.waitFor("[data-testid=export-personal-warning]");
  const full = join(OUT, "cases-full.csv");
  await setInput("[data-testid=export-path] input", full);
  await sleep(200);
  await s.click("[data-testid=export-save]");
  await s.waitFor("[data-testid=export-saved]", { text: full, timeout: 20000 });
  assert.match(readFileSync(full, "utf8"), /13912876504/);
  await s.exec(`document.querySelector("[data-testid=export-dialog] .n-base-close").click();`);
  await s.waitUntil(async () => (await s.count("[data-testid=export-dialog]")) === 0, "the dialog to close");
});

test("in English the dashboard's titles, axes and tiles read in English", async () => {
  await s.click("[data-testid=nav-settings]");
  await s.click("[data-testid=lang-en]");
  await s.click("[data-testid=save-settings]");
  await s.waitFor("[data-testid=nav]", { text: "Insights" });
  await openInsights();
  await s.click("[data-testid=range-presets] [data-preset=last30]");
  await s.waitFor("[data-testid=range-label]", { text: " – " });
  const titles = await s.exec(`return [...document.querySelectorAll("[data-testid=chart-title]")].map((x) => x.textContent.trim());`);
  assert.deepEqual(titles, [
    "Bad and neutral reviews",
    "Share of causes",
    "Products with the most complaints",
    "Keyword alerts",
    "Recovery rate by cause",
    "Recovery rate over time",
    "Response times",
    "Remedy spend over time",
    "Spend by remedy",
  ]);
  await s.waitUntil(async () => {
    const st = await chartState("trend");
    return st && st.axisNames.includes("Reviews") && st.series.includes("Bad-review rate") ? st : null;
  }, "English axes and series on the trend");
  assert.ok((await chartState("response")).axisNames.includes("Hours"));
  assert.match(await contentOf("[data-testid=tile-bad-rate]"), /Bad-review rate/);
  assert.match(await s.textOf("[data-testid=tile-first-contact] [data-testid=tile-value]"), /min|h|d/);
  // The notes of the files written above fade before the pictures are taken.
  await s.waitUntil(async () => (await s.count(".n-message")) === 0, "the messages to fade", 12000);
  await s.exec(`document.querySelector("[data-testid=insights] .body").scrollTop = 0;`);
  await sleep(400);
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "08-dashboard-en.png"))}`);
  await s.exec(`document.querySelector("[data-testid=chart-spendKind]").scrollIntoView({ block: "end" });`);
  await sleep(300);
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "09-dashboard-en-lower.png"))}`);
  await s.click("[data-testid=open-report]");
  await s.waitFor("[data-testid=report-dialog]", { text: "Closed-loop report" });
  await sleep(500);
  console.log(`screenshot: ${await s.screenshot(join(SHOTS, "10-report-dialog-en.png"))}`);
});
