import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain-JS module without types (tslib's own are for the real package)
import { __assign, __extends } from "./tslib.js";
import { ComponentModel, SeriesModel } from "echarts/core";

describe("tslib for ECharts under a frozen Object.prototype", () => {
  it("extends like tslib, with a constructor that for…in does not list", () => {
    function Base(this: { x: number }) {
      this.x = 1;
    }
    Base.prototype.hello = function () {
      return "hi";
    };
    (Base as unknown as { answer: number }).answer = 42;
    function Derived(this: { x: number }) {
      Base.call(this);
    }
    __extends(Derived, Base);
    const d = new (Derived as unknown as new () => { x: number; hello(): string })();
    expect(d).toBeInstanceOf(Base);
    expect(d.hello()).toBe("hi");
    expect(Derived.prototype.constructor).toBe(Derived);
    expect((Derived as unknown as { answer: number }).answer).toBe(42);
    const listed: string[] = [];
    for (const k in Derived.prototype) listed.push(k);
    expect(listed).toEqual(["hello"]);
    expect(__assign({}, { a: 1 })).toEqual({ a: 1 });
  });

  it("is what ECharts is built with: its classes do not list constructor either", () => {
    for (const Clz of [ComponentModel, SeriesModel]) {
      const listed: string[] = [];
      for (const k in Clz.prototype) listed.push(k);
      expect(listed).not.toContain("constructor");
    }
  });

  it("so copying a prototype into a plain object no longer trips over the frozen constructor", () => {
    // A stand-in for the frozen Object.prototype: an inherited read-only `constructor`.
    const frozenBase = Object.freeze(Object.create(null, { constructor: { value: Object, writable: false } }));
    const target = Object.create(frozenBase) as Record<string, unknown>;
    const copy = () => {
      "use strict";
      for (const k in SeriesModel.prototype) target[k] = () => undefined;
    };
    expect(copy).not.toThrow();
    expect(Object.keys(target).length).toBeGreaterThan(5);
  });
});
