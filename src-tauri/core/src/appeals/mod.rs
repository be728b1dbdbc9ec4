//! Appeals to the platform against malicious or misattributed reviews (PLAYBOOK 6):
//! reason, status with a submission deadline, evidence files stored by content hash in
//! the app-data directory, and the packet export.

mod evidence;
mod model;
mod packet;
mod store;

#[cfg(test)]
mod tests;

pub use evidence::{
    add_evidence, add_evidence_limited, evidence_path, get_evidence, human_size, list_evidence,
    media_type, remove_evidence, EVIDENCE_DIR, MAX_EVIDENCE_BYTES,
};
pub use model::{
    Appeal, AppealInput, AppealReason, AppealStatus, AppealStatusChange, Evidence, PacketReport,
    APPEAL_MOVES, DEFAULT_APPEAL_WINDOW_DAYS,
};
pub use packet::{export_packet, mask_mobiles, SUMMARY_NAME};
pub use store::{
    cases_with_appeals, create_appeal, default_deadline, due_appeals, get_appeal, list_appeals,
    set_appeal_status, submit_label, update_appeal,
};
