import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { NoticeOpen } from "../bindings";

/** A desktop notification was clicked: open its case, or Today when it covers several. */
export const NOTICE_OPEN_EVENT = "notice://open";

export function onNoticeOpen(handler: (req: NoticeOpen) => void): Promise<UnlistenFn> {
  return listen<NoticeOpen>(NOTICE_OPEN_EVENT, (e) => handler(e.payload));
}
