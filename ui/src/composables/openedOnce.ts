import { ref, watch, type Ref } from "vue";

/**
 * True from the first time `show` is true. A dialog rendered behind `v-if` on it loads its
 * code (an async component) only when the owner first opens it, then stays mounted, so it
 * closes with its animation and opens again at once.
 */
export function openedOnce(show: Ref<boolean>): Ref<boolean> {
  const opened = ref(show.value);
  if (!opened.value) {
    const stop = watch(
      show,
      (v) => {
        if (!v) return;
        opened.value = true;
        stop();
      },
      { flush: "sync" },
    );
  }
  return opened;
}
