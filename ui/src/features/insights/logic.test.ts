import { describe, expect, it } from "vitest";
import {
  addDays,
  atPeriod,
  beijingToday,
  dayEnd,
  dayStart,
  daysBetween,
  allTime,
  durationParts,
  durationScale,
  outside,
  scaledValue,
  esc,
  exportSelection,
  granularityFor,
  inboxFilter,
  lastDays,
  openTarget,
  pct,
  periodAround,
  periodLabel,
  shorten,
} from "./logic";
import { drill, filter, periods } from "./testdata";

describe("Beijing days and ranges", () => {
  it("takes today in Beijing, which starts at 16:00 UTC", () => {
    expect(beijingToday(new Date("2026-11-20T15:59:59Z"))).toBe("2026-11-20");
    expect(beijingToday(new Date("2026-11-20T16:00:00Z"))).toBe("2026-11-21");
  });

  it("gives the last N days ending today, both ends counted", () => {
    const now = new Date("2026-11-20T04:00:00Z");
    expect(lastDays(7, now)).toEqual({ from: "2026-11-14", to: "2026-11-20" });
    expect(lastDays(30, now)).toEqual({ from: "2026-10-22", to: "2026-11-20" });
    expect(daysBetween("2026-10-22", "2026-11-20")).toBe(30);
    expect(lastDays(0, now)).toEqual({ from: "2026-11-20", to: "2026-11-20" });
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
  });

  it("picks days, weeks or months by the length of the range", () => {
    expect(granularityFor({ from: "2026-11-14", to: "2026-11-20" })).toBe("day");
    expect(granularityFor({ from: "2026-10-22", to: "2026-11-20" })).toBe("day");
    expect(granularityFor({ from: "2026-08-23", to: "2026-11-20" })).toBe("week");
    expect(granularityFor({ from: "2025-11-21", to: "2026-11-20" })).toBe("month");
  });

  it("finds the ISO week and the month around a date, as the core does", () => {
    expect(periodAround("day", "2026-11-20")).toEqual({ from: "2026-11-20", to: "2026-11-20" });
    // 2026-11-22 is a Sunday: its week began on Monday the 16th.
    expect(periodAround("week", "2026-11-22")).toEqual({ from: "2026-11-16", to: "2026-11-22" });
    expect(periodAround("week", "2026-11-16")).toEqual({ from: "2026-11-16", to: "2026-11-22" });
    expect(periodAround("month", "2024-02-10")).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(periodAround("month", "2026-12-31")).toEqual({ from: "2026-12-01", to: "2026-12-31" });
  });

  it("turns Beijing days into the instants the core filters on", () => {
    expect(dayStart("2026-11-20")).toBe("2026-11-19T16:00:00.000Z");
    expect(dayEnd("2026-11-20")).toBe("2026-11-20T15:59:59.999Z");
  });
});

describe("from a chart element to its cases", () => {
  it("narrows a series to one period on the time it counts by", () => {
    const p = periods[1];
    const byReview = atPeriod(drill(), p);
    expect(byReview.filter.from).toBe(p.start);
    expect(byReview.filter.to).toBe(p.end);

    const closed = atPeriod(drill({ closed_from: "a", closed_to: "b", inbox_exact: false }), p);
    expect([closed.closed_from, closed.closed_to]).toEqual([p.start, p.end]);
    expect(closed.filter.from).toBe(filter().from); // the review range is left alone

    const finished = atPeriod(drill({ resolved_from: "a", resolved_to: "b" }), p);
    expect([finished.resolved_from, finished.resolved_to]).toEqual([p.start, p.end]);
    expect(finished.closed_from).toBeNull();
  });

  it("opens the inbox with its own filter when that says it all, without its paging", () => {
    const target = openTarget(drill({}, { causes: ["quality"], product: "保温杯", limit: 0, offset: 40, sort: "stars" }));
    expect(target.kind).toBe("inbox");
    if (target.kind !== "inbox") return;
    expect(target.filter.causes).toEqual(["quality"]);
    expect(target.filter.product).toBe("保温杯");
    expect(target.filter.stars).toEqual([1, 2, 3]);
    expect(target.filter.from).toBe(filter().from);
    expect(target.filter).not.toHaveProperty("limit");
    expect(target.filter).not.toHaveProperty("offset");
    expect(target.filter).not.toHaveProperty("sort");
  });

  it("lists the exact cases when the inbox cannot filter for them", () => {
    const d = drill({ alert_id: 4, inbox_exact: false });
    expect(openTarget(d)).toEqual({ kind: "list", drill: d });
  });

  it("copies the filter's lists, so the inbox cannot change the chart's drill", () => {
    const d = drill({}, { causes: ["quality"] });
    const f = inboxFilter(d);
    f.causes?.push("price");
    expect(d.filter.causes).toEqual(["quality"]);
  });
});

describe("the export selection", () => {
  const form = {
    query: "  漏水 ",
    statuses: ["new" as const],
    platforms: ["jd" as const],
    causes: ["quality" as const],
    stars: [1],
    range: { from: "2026-11-01", to: "2026-11-30" },
    openOnly: true,
  };

  it("is the inbox's filter, every page, with the range in Beijing days", () => {
    const s = exportSelection(form, filter({ limit: 50, offset: 100, from: null, to: null }), null);
    expect(s.filter.query).toBe("漏水");
    expect(s.filter.statuses).toEqual(["new"]);
    expect(s.filter.platforms).toEqual(["jd"]);
    expect(s.filter.causes).toEqual(["quality"]);
    expect(s.filter.stars).toEqual([1]);
    expect(s.filter.open_only).toBe(true);
    expect(s.filter.from).toBe("2026-10-31T16:00:00.000Z");
    expect(s.filter.to).toBe("2026-11-30T15:59:59.999Z");
    expect([s.filter.limit, s.filter.offset]).toEqual([0, 0]);
    expect(s.shops).toEqual([]);
    expect(s.products).toEqual([]);
  });

  it("takes the dashboard's shops and products only when asked", () => {
    const s = exportSelection({ ...form, range: null }, filter(), { platforms: [], shops: ["暖居小铺"], products: ["保温杯"] });
    expect(s.shops).toEqual(["暖居小铺"]);
    expect(s.products).toEqual(["保温杯"]);
    expect(s.filter.from).toBeNull();
  });
});

describe("formatting", () => {
  it("shows basis points as percentages", () => {
    expect(pct(444)).toBe("4.4%");
    expect(pct(10000)).toBe("100.0%");
    expect(pct(0)).toBe("0.0%");
    expect(pct(null)).toBe("—");
  });

  it("words durations in minutes, hours, then days", () => {
    expect(durationParts(45 * 60)).toEqual({ unit: "minutes", n: "45" });
    expect(durationParts(5400)).toEqual({ unit: "hours", n: "1.5" });
    expect(durationParts(30 * 3600)).toEqual({ unit: "hours", n: "30" });
    expect(durationParts(3.5 * 86400)).toEqual({ unit: "days", n: "3.5" });
    expect(durationParts(12 * 86400)).toEqual({ unit: "days", n: "12" });
    // Years-old history: months and years, never "2844 天".
    expect(durationParts(90 * 86400)).toEqual({ unit: "months", n: "3.0" });
    expect(durationParts(2844 * 86400)).toEqual({ unit: "years", n: "7.8" });
  });

  it("keeps a duration axis readable when a few values are years long", () => {
    const h = 3600;
    const typical = [2 * h, 3 * h, 4 * h, 5 * h, 6 * h, 3 * h, 2 * h, 4 * h, 5 * h];
    const s = durationScale([...typical, 70_000 * h, null]);
    expect(s.unit).toBe("hours");
    expect(s.max).toBe(20);
    expect(s.clipped).toBe(1);
    expect(s.largest).toBe(70_000);
    expect(scaledValue(70_000 * h, s)).toBe(20);
    expect(scaledValue(5400, s)).toBe(1.5);
    // A typical value of days draws in days; values that all fit are not cut.
    const days = durationScale([4 * 86400, 6 * 86400, 5 * 86400]);
    expect([days.unit, days.max, days.clipped]).toEqual(["days", null, 0]);
    expect(scaledValue(6 * 86400, days)).toBe(6);
  });

  it("spans all time from the first case to today, and tells a range that misses it", () => {
    const now = new Date("2026-12-07T06:00:00Z");
    expect(allTime(null, null, now)).toBeNull();
    expect(allTime("2017-10-21", "2019-02-03", now)).toEqual({ from: "2017-10-21", to: "2026-12-07" });
    expect(allTime("2017-10-21", "2027-01-01", now)).toEqual({ from: "2017-10-21", to: "2027-01-01" });
    const span = { from: "2017-10-21", to: "2019-02-03" };
    expect(outside(span, { from: "2026-11-08", to: "2026-12-07" })).toBe(true);
    expect(outside(span, { from: "2019-01-01", to: "2019-12-31" })).toBe(false);
  });

  it("labels periods briefly", () => {
    expect(periodLabel("2026-11-20")).toBe("11-20");
    expect(periodLabel("2026-W47")).toBe("W47");
    expect(periodLabel("2026-11")).toBe("2026-11");
  });

  it("escapes review text put into tooltips and shortens long names", () => {
    expect(esc(`<img src=x onerror="a">&'`)).toBe("&lt;img src=x onerror=&quot;a&quot;&gt;&amp;&#39;");
    expect(shorten("304不锈钢电热水壶 1.7L", 8)).toBe("304不锈钢电…");
    expect(shorten("保温杯", 8)).toBe("保温杯");
  });
});
