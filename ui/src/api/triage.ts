import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { call } from "./ipc";
import type {
  AlertHit,
  AlertUsage,
  KeywordAlert,
  NewAlert,
  NewKeyword,
  OwnerKeyword,
  Reason,
  RetriageOutcome,
  RetriageProgress,
  RetriageState,
  TriageConfig,
} from "../bindings";

/** The owner's words per cause (and optionally per product), in cause, product, word order. */
export const listKeywords = () => call<OwnerKeyword[]>("list_triage_keywords");
export const addKeyword = (keyword: NewKeyword) => call<OwnerKeyword>("add_triage_keyword", { keyword });
export const removeKeyword = (id: number) => call<void>("remove_triage_keyword", { id });

/** Every alert with how many cases it marked and the latest one. */
export const listAlerts = () => call<AlertUsage[]>("list_triage_alerts");
export const addAlert = (alert: NewAlert) => call<KeywordAlert>("add_triage_alert", { alert });
export const setAlertEnabled = (id: number, enabled: boolean) =>
  call<KeywordAlert>("set_triage_alert_enabled", { id, enabled });
export const removeAlert = (id: number) => call<void>("remove_triage_alert", { id });

export const getTriageConfig = () => call<TriageConfig>("get_triage_config");
export const saveTriageConfig = (config: TriageConfig) => call<TriageConfig>("save_triage_config", { config });

/** Starts relabelling every stored case in the background; returns at once. */
export const startRetriage = () => call<void>("start_retriage");
/** Asks the running re-triage to stop after its current batch; true when one was running. */
export const cancelRetriage = () => call<boolean>("cancel_retriage");
export const retriageStatus = () => call<RetriageState>("retriage_status");

export const PROGRESS_EVENT = "triage://progress";
export const DONE_EVENT = "triage://done";
/** Keyword-alert hits just notified on the desktop. */
export const ALERT_EVENT = "triage://alert";

export function onRetriageProgress(handler: (p: RetriageProgress) => void): Promise<UnlistenFn> {
  return listen<RetriageProgress>(PROGRESS_EVENT, (e) => handler(e.payload));
}

export function onRetriageDone(handler: (o: RetriageOutcome) => void): Promise<UnlistenFn> {
  return listen<RetriageOutcome>(DONE_EVENT, (e) => handler(e.payload));
}

export function onAlertHits(handler: (hits: AlertHit[]) => void): Promise<UnlistenFn> {
  return listen<AlertHit[]>(ALERT_EVENT, (e) => handler(e.payload));
}

/** The reasons of a case's labels, structured and in both languages. */
export const getCaseTriage = (caseId: number) => call<Reason[]>("get_case_triage", { caseId });
