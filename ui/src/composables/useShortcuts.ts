import { onActivated, onBeforeUnmount, onDeactivated, onMounted } from "vue";

export interface ShortcutHandlers {
  newCase?: () => void;
  search?: () => void;
  next?: () => void;
  previous?: () => void;
}

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
}

/** Maps a key event to the action it triggers, or null. Exported for tests. */
export function shortcutFor(e: KeyboardEvent): keyof ShortcutHandlers | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (mod && !e.altKey && key === "n") return "newCase";
  if (mod && !e.altKey && key === "f") return "search";
  if (mod || e.altKey || typingIn(e.target)) return null;
  if (key === "j" || key === "arrowdown") return "next";
  if (key === "k" || key === "arrowup") return "previous";
  return null;
}

export function useShortcuts(handlers: ShortcutHandlers) {
  const onKey = (e: KeyboardEvent) => {
    const action = shortcutFor(e);
    const handler = action ? handlers[action] : undefined;
    if (handler) {
      e.preventDefault();
      handler();
    }
  };
  // A screen kept alive behind another must not answer its keys while hidden.
  const listen = () => window.addEventListener("keydown", onKey);
  const stop = () => window.removeEventListener("keydown", onKey);
  onMounted(listen);
  onActivated(listen);
  onDeactivated(stop);
  onBeforeUnmount(stop);
}
