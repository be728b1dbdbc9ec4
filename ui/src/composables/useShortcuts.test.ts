import { describe, expect, it } from "vitest";
import { shortcutFor } from "./useShortcuts";

function key(k: string, opts: KeyboardEventInit = {}, target?: HTMLElement) {
  const e = new KeyboardEvent("keydown", { key: k, ...opts });
  if (target) Object.defineProperty(e, "target", { value: target });
  return e;
}

describe("shortcuts", () => {
  it("maps Ctrl/Cmd+N and Ctrl/Cmd+F", () => {
    expect(shortcutFor(key("n", { ctrlKey: true }))).toBe("newCase");
    expect(shortcutFor(key("N", { metaKey: true }))).toBe("newCase");
    expect(shortcutFor(key("f", { ctrlKey: true }))).toBe("search");
  });

  it("moves between cases with J/K and arrows, but not while typing", () => {
    expect(shortcutFor(key("j"))).toBe("next");
    expect(shortcutFor(key("ArrowUp"))).toBe("previous");
    expect(shortcutFor(key("j", {}, document.createElement("input")))).toBeNull();
    expect(shortcutFor(key("x"))).toBeNull();
  });
});
