import { describe, expect, it } from "vitest";
import { ref } from "vue";
import { openedOnce } from "./openedOnce";

describe("openedOnce", () => {
  it("turns true with the first opening and stays true", () => {
    const show = ref(false);
    const opened = openedOnce(show);
    expect(opened.value).toBe(false);
    show.value = true;
    expect(opened.value).toBe(true);
    show.value = false;
    expect(opened.value).toBe(true);
  });

  it("is true at once for something already open", () => {
    expect(openedOnce(ref(true)).value).toBe(true);
  });
});
