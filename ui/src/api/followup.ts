import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { call } from "./ipc";
import type {
  CallWindow,
  ContactAttempt,
  DueItem,
  FiredBatch,
  FollowupRules,
  NewContact,
  ReplyWindow,
  SectionPage,
  SectionQuery,
  Snooze,
  TodayView,
} from "../bindings";

/** Logs an attempt; a `new` case moves to `contacting`. */
export const logContact = (input: NewContact) => call<ContactAttempt>("log_contact", { input });
/** A case's attempts, oldest first. */
export const listContacts = (caseId: number) => call<ContactAttempt[]>("list_contacts", { caseId });
export const getToday = () => call<TodayView>("today");
/** One page of a Today section, narrowed by kind and search ("show all", the filters). */
export const todaySection = (query: SectionQuery) => call<SectionPage>("today_section", { query });
/** The platform windows (seller explanation, appeal) still open on these cases. */
export const replyWindows = (caseIds: number[]) => call<ReplyWindow[]>("reply_windows", { caseIds });
/** A case's live reminders, soonest first. */
export const caseReminders = (caseId: number) => call<DueItem[]>("case_reminders", { caseId });
/** The window open now for the case's buyer, or the next one; null when no window is set. */
export const caseCallWindow = (caseId: number) => call<CallWindow | null>("case_call_window", { caseId });
export const snoozeReminder = (id: number, how: Snooze) => call<DueItem>("snooze_reminder", { id, how });
export const dismissReminder = (id: number) => call<DueItem>("dismiss_reminder", { id });
export const getFollowupRules = () => call<FollowupRules>("get_followup_rules");
/** The playbook's rules as the core ships them (for "reset to defaults"; nothing is saved). */
export const defaultFollowupRules = () => call<FollowupRules>("default_followup_rules");
export const saveFollowupRules = (rules: FollowupRules) => call<FollowupRules>("save_followup_rules", { rules });

/** Reminders the background scheduler just fired (one batch per notification). */
export const FIRED_EVENT = "followup://fired";
/** Cases, contacts or rules changed somewhere: what is due may have moved. */
export const CHANGED_EVENT = "followup://changed";

export function onFired(handler: (batch: FiredBatch) => void): Promise<UnlistenFn> {
  return listen<FiredBatch>(FIRED_EVENT, (e) => handler(e.payload));
}

export function onChanged(handler: () => void): Promise<UnlistenFn> {
  return listen(CHANGED_EVENT, () => handler());
}
