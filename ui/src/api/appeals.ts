// Appeals against malicious or misattributed reviews, and their evidence files. Dialogs and
// opening files happen in Rust; the UI only names the appeal or the evidence.
import { call } from "./ipc";
import type { Appeal, AppealInput, AppealStatus, AppealStatusChange, Evidence, PacketReport } from "../bindings";

export const listAppeals = (caseId: number | null) => call<Appeal[]>("list_appeals", { caseId });
export const createAppeal = (caseId: number, input: AppealInput) => call<Appeal>("create_appeal", { caseId, input });
export const setAppealStatus = (id: number, status: AppealStatus, change: AppealStatusChange) =>
  call<Appeal>("set_appeal_status", { id, status, change });

export const listEvidence = (appealId: number) => call<Evidence[]>("list_evidence", { appealId });
export const addEvidence = (appealId: number, path: string) => call<Evidence>("add_evidence", { appealId, path });
export const removeEvidence = (evidenceId: number) => call<null>("remove_evidence", { evidenceId });
export const pickEvidenceFiles = () => call<string[]>("pick_evidence_files");
export const openEvidence = (evidenceId: number) => call<null>("open_evidence", { evidenceId });
export const revealEvidence = (evidenceId: number) => call<null>("reveal_evidence", { evidenceId });
export const exportAppealPacket = (appealId: number) =>
  call<PacketReport | null>("export_appeal_packet", { appealId });
