// The remedies ledger, promises, totals and case outcomes.
import { call } from "./ipc";
import type {
  Case,
  CaseCost,
  CaseStatus,
  LedgerFilter,
  LedgerView,
  Outcome,
  Owed,
  Promise as PromiseRow,
  PromiseInput,
  PromiseStatus,
  Remedy,
  RemedyInput,
  RemedyPreview,
  RemedyStatus,
  RemedyStatusChange,
  Resolution,
  Totals,
  TotalsQuery,
} from "../bindings";

export function emptyRemedyInput(): RemedyInput {
  return {
    kind: null,
    currency: "",
    value: "",
    cost: "",
    coupon_percent: "",
    gift_item: "",
    quantity: null,
    unit_cost: "",
    postage_payer: null,
    postage: "",
    terms: "",
    note: "",
    reference: "",
    due_at: null,
  };
}

export const listRemedies = (caseId: number | null) => call<Remedy[]>("list_remedies", { caseId });
export const previewRemedy = (caseId: number, input: RemedyInput) =>
  call<RemedyPreview>("preview_remedy", { caseId, input });
export const addRemedy = (caseId: number, input: RemedyInput) => call<Remedy>("add_remedy", { caseId, input });
export const updateRemedy = (id: number, input: RemedyInput) => call<Remedy>("update_remedy", { id, input });
export const setRemedyStatus = (id: number, status: RemedyStatus, change: RemedyStatusChange) =>
  call<Remedy>("set_remedy_status", { id, status, change });

export const listPromises = (caseId: number | null) => call<PromiseRow[]>("list_promises", { caseId });
export const addPromise = (caseId: number, input: PromiseInput) => call<PromiseRow>("add_promise", { caseId, input });
export const setPromiseStatus = (id: number, status: PromiseStatus, note?: string) =>
  call<PromiseRow>("set_promise_status", { id, status, note: note ?? null });
export const reschedulePromise = (id: number, dueAt: string) =>
  call<PromiseRow>("reschedule_promise", { id, dueAt });

export const remedyLedger = (filter: LedgerFilter) => call<LedgerView>("remedy_ledger", { filter });
export const remedyTotals = (query: TotalsQuery) => call<Totals>("remedy_totals", { query });
export const caseCosts = (caseIds: number[]) => call<CaseCost[]>("case_costs", { caseIds });
/** Remedies not yet delivered and open promises on a case (asked about before closing or deleting it). */
export const caseOwed = (caseId: number) => call<Owed[]>("case_owed", { caseId });

export const caseResolution = (caseId: number) => call<Resolution>("case_resolution", { caseId });
export const closeCase = (caseId: number, outcome: Outcome, finalStars: number | null, note: string) =>
  call<Case>("close_case", { caseId, outcome, finalStars, note: note.trim() || null });
export const reopenCase = (caseId: number, to: CaseStatus, note: string) =>
  call<Case>("reopen_case", { caseId, to, note: note.trim() || null });
export const remedyInput = (id: number) => call<RemedyInput>("remedy_input", { id });
