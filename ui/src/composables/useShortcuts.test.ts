// The kept-alive test needs a screen, another screen and the shell that switches them.
/* eslint-disable vue/one-component-per-file */
import { describe, expect, it, vi } from "vitest";
import { mount } from "@vue/test-utils";
import { defineComponent, h, KeepAlive, nextTick, ref } from "vue";
import { shortcutFor, useShortcuts } from "./useShortcuts";

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

describe("shortcuts of a screen kept alive", () => {
  it("answer only while the screen is shown", async () => {
    const next = vi.fn();
    const Listening = defineComponent({
      name: "Listening",
      setup() {
        useShortcuts({ next });
        return () => h("div", "list");
      },
    });
    const Other = defineComponent({ name: "Other", setup: () => () => h("div", "other") });
    const shown = ref<"list" | "other">("list");
    const wrapper = mount(
      defineComponent({
        setup: () => () => h(KeepAlive, null, [shown.value === "list" ? h(Listening) : h(Other)]),
      }),
      { attachTo: document.body },
    );
    const press = () => window.dispatchEvent(new KeyboardEvent("keydown", { key: "j" }));
    press();
    expect(next).toHaveBeenCalledTimes(1);
    shown.value = "other";
    await nextTick();
    press();
    expect(next).toHaveBeenCalledTimes(1);
    shown.value = "list";
    await nextTick();
    press();
    expect(next).toHaveBeenCalledTimes(2);
    wrapper.unmount();
    press();
    expect(next).toHaveBeenCalledTimes(2);
  });
});
