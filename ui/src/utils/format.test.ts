import { describe, expect, it } from "vitest";
import { ageOf, excerpt, formatDay, formatLocal, formatMoney, parseTime, starsText } from "./format";

describe("format", () => {
  it("reads rusqlite and RFC 3339 times alike", () => {
    expect(parseTime("2026-11-20 04:00:00+00:00").toISOString()).toBe("2026-11-20T04:00:00.000Z");
    expect(parseTime("2026-11-20T04:00:00Z").toISOString()).toBe("2026-11-20T04:00:00.000Z");
  });

  it("gives the age in the largest useful unit", () => {
    const now = new Date("2026-11-23T12:00:00Z");
    expect(ageOf("2026-11-23T11:35:00Z", now)).toEqual({ unit: "minutes", n: 25 });
    expect(ageOf("2026-11-22T12:00:00Z", now)).toEqual({ unit: "hours", n: 24 });
    expect(ageOf("2026-11-20T12:00:00Z", now)).toEqual({ unit: "days", n: 3 });
    expect(ageOf("2026-11-24T12:00:00Z", now)).toEqual({ unit: "minutes", n: 0 });
    // Years-old history reads as months and years, never as thousands of days.
    expect(ageOf("2026-08-01T12:00:00Z", now)).toEqual({ unit: "months", n: 3 });
    expect(ageOf("2019-02-03T12:00:00Z", now)).toEqual({ unit: "years", n: 7.8 });
    expect(ageOf("2012-01-01T00:00:00Z", now)).toEqual({ unit: "years", n: 14 });
  });

  it("writes every date one way, in both languages", () => {
    const at = new Date(2026, 10, 24, 9, 5).toISOString();
    expect(formatLocal(at, "zh-CN")).toBe("2026-11-24 09:05");
    expect(formatLocal(at, "en")).toBe("2026-11-24 09:05");
    expect(formatDay(at)).toBe("2026-11-24");
    expect(formatLocal(null, "en")).toBe("");
  });

  it("draws stars and cuts excerpts", () => {
    expect(starsText(2)).toBe("★★☆☆☆");
    expect(excerpt("质量  太差\n了", 10)).toBe("质量 太差 了");
    expect(excerpt("abcdefghijk", 5)).toBe("abcd…");
  });

  it("formats money from minor units", () => {
    expect(formatMoney(1250)).toBe("¥12.50");
    expect(formatMoney(-5, "USD")).toBe("-$0.05");
    expect(formatMoney(null)).toBe("");
  });
});
