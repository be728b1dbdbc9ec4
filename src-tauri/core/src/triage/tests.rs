use super::*;
use crate::cases::Cause;

fn tri(text: &str) -> Triage {
    classify(&TriageInput {
        text,
        ..Default::default()
    })
}

#[test]
fn contrast_puts_the_complaint_after_but() {
    let t = tri("质量不错，就是物流太慢");
    assert_eq!(t.primary, Cause::Logistics, "{t:?}");
    assert!(!t.causes.contains(&Cause::Quality), "{t:?}");
}
