//! Triage by the AI endpoint, on the owner's request: the same labels as local triage,
//! asked of the configured model and checked by `triage::accept_ai_answer` before they are
//! offered. Whatever goes wrong (no answer, a timeout, an answer that is not labels) the
//! local labels are kept and the reason is said; nothing is stored here; the owner
//! applies the labels like any correction.
//!
//! Two steps, like drafting, so no database connection is held during the call:
//! `prepare_triage` (database) or `request_for_text`, then `ask_triage` (network).

use super::client::{ask, Endpoint};
use super::prompt::Message;
use crate::cases;
use crate::error::Result;
use crate::triage::{
    self, accept_ai_answer, ai_prompt, AiTriage, Flag, ReviewFacts, Rules, Triage, TriageInput,
};
use crate::Lang;
use rusqlite::Connection;

/// One AI triage, ready to send.
#[derive(Debug, Clone)]
pub struct AiTriageRequest {
    pub case_id: Option<i64>,
    text: String,
    product: String,
    stars: u8,
    /// The labels kept when the endpoint's answer is not used.
    pub local: Triage,
    lang: Lang,
    messages: Vec<Message>,
}

impl AiTriageRequest {
    fn new(case_id: Option<i64>, input: &TriageInput, local: Triage, lang: Lang) -> Self {
        let (system, user) = ai_prompt(input);
        AiTriageRequest {
            case_id,
            text: input.text.to_string(),
            product: input.product.to_string(),
            stars: input.stars,
            local,
            lang,
            messages: vec![
                Message {
                    role: "system",
                    content: system,
                },
                Message {
                    role: "user",
                    content: user,
                },
            ],
        }
    }

    fn input(&self) -> TriageInput<'_> {
        TriageInput {
            text: &self.text,
            stars: self.stars,
            product: &self.product,
            ..Default::default()
        }
    }
}

/// The request for a stored case; its current labels (the owner's, if corrected) are the
/// local ones.
pub fn prepare_triage(conn: &Connection, case_id: i64) -> Result<AiTriageRequest> {
    let case = cases::get(conn, case_id)?;
    let local = Triage {
        primary: case.primary_cause,
        causes: case.causes.clone(),
        severity: case.severity,
        flags: case.flags.iter().filter_map(|f| Flag::parse(f)).collect(),
        reasons: case.triage_reasons.clone(),
        details: triage::case_details(conn, case_id)?,
    };
    let lang = triage::load_rules(conn)?.lang();
    // Read as triage reads it: the review with the buyer's follow-up.
    let text = ReviewFacts::of_case(&case).text();
    let input = TriageInput {
        text: &text,
        stars: case.stars,
        has_photos: case.has_photos,
        order_value_cents: case.order_value_cents,
        product: &case.product,
    };
    Ok(AiTriageRequest::new(Some(case_id), &input, local, lang))
}

/// The request for a review text (the CLI), labelled locally with `rules` first.
pub fn request_for_text(input: &TriageInput, rules: &Rules) -> AiTriageRequest {
    let local = triage::classify_with(input, rules);
    AiTriageRequest::new(None, input, local, rules.lang())
}

/// Asks the endpoint and checks its answer. Never fails: when the call fails, the local
/// labels come back with the error's code and message as the problem.
pub fn ask_triage(ep: &Endpoint, req: &AiTriageRequest) -> AiTriage {
    match ask(ep, &req.messages) {
        Ok((model, answer)) => {
            accept_ai_answer(&answer, &req.input(), &req.local, &model, req.lang)
        }
        Err(e) => AiTriage::kept(&req.local, ep.model(), e.code(), e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_server::TestServer;
    use super::super::AiSettings;
    use super::*;
    use crate::cases::Cause;
    use std::time::Duration;

    fn endpoint(server: &TestServer, scenario: &str) -> Endpoint {
        Endpoint::new(
            &AiSettings {
                enabled: true,
                base_url: server.base(scenario),
                model: "qwen2.5:7b".into(),
                timeout_secs: 5,
            },
            None,
        )
        .unwrap()
        .with_timeout(Duration::from_millis(500))
    }

    fn request(text: &str) -> AiTriageRequest {
        request_for_text(
            &TriageInput {
                text,
                stars: 1,
                product: "电热水壶",
                ..Default::default()
            },
            &Rules::default(),
        )
    }

    const REVIEW: &str = "壶身质量还行，就是物流太慢了，等了一个星期，盖子还有点松";

    #[test]
    fn a_checked_answer_gives_the_endpoints_labels_with_its_reasons() {
        let server = TestServer::start();
        let req = request(REVIEW);
        let out = ask_triage(&endpoint(&server, "triage"), &req);
        assert!(out.used_ai, "{out:?}");
        assert!(out.problem.is_none());
        assert_eq!(out.model, "qwen2.5:7b");
        assert_eq!(out.triage.primary, Cause::Logistics);
        assert_eq!(out.triage.causes, vec![Cause::Logistics, Cause::Quality]);
        // Severity and flags stay the local reading's.
        assert_eq!(out.triage.severity, req.local.severity);
        let ai = &out.triage.details[0];
        assert_eq!(ai.kind, triage::ReasonKind::Ai);
        assert!(
            ai.zh.contains("物流太慢了") && ai.en.contains("物流太慢了"),
            "{ai:?}"
        );
        assert_eq!(out.triage.reasons[0], ai.zh);
        // The prompt carried the review as data, with the causes to choose from.
        let seen = server.requests();
        let body = &seen.last().unwrap().body;
        assert_eq!(body["temperature"], 0.0);
        let system = body["messages"][0]["content"].as_str().unwrap();
        assert!(system.contains("not_as_described") && system.contains("never instructions"));
        let user = body["messages"][1]["content"].as_str().unwrap();
        assert!(user.contains(REVIEW) && user.contains("电热水壶"), "{user}");
    }

    #[test]
    fn nonsense_and_failures_keep_the_local_labels() {
        let server = TestServer::start();
        let req = request(REVIEW);
        for (scenario, code) in [
            ("ok", "ai_triage.no_answer"),
            ("triage_unknown", "ai_triage.unknown_cause"),
            ("triage_invented", "ai_triage.no_evidence"),
            ("triage_malicious", "ai_triage.unconfirmed_risk"),
            ("boom", "ai.server_error"),
            ("empty", "ai.bad_response"),
            ("slow", "ai.timeout"),
        ] {
            let out = ask_triage(&endpoint(&server, scenario), &req);
            assert!(!out.used_ai, "{scenario}: {out:?}");
            assert_eq!(out.triage, req.local, "{scenario}");
            assert_eq!(
                out.problem.as_ref().map(|p| p.code.as_str()),
                Some(code),
                "{scenario}: {:?}",
                out.problem
            );
        }
        let unreachable = Endpoint::new(
            &AiSettings {
                enabled: true,
                base_url: "http://127.0.0.1:9/v1".into(),
                model: "m".into(),
                timeout_secs: 5,
            },
            None,
        )
        .unwrap();
        let out = ask_triage(&unreachable, &req);
        assert_eq!(out.problem.map(|p| p.code), Some("ai.offline".to_string()));
    }

    #[test]
    fn malicious_is_accepted_when_the_rules_see_it_too() {
        let server = TestServer::start();
        let req = request("给我五百块钱我就把差评删了，不然一直差评");
        assert!(req.local.has_flag(Flag::Malicious));
        let out = ask_triage(&endpoint(&server, "triage_malicious"), &req);
        assert!(out.used_ai, "{out:?}");
        assert_eq!(out.triage.primary, Cause::Malicious);
    }

    #[test]
    fn a_stored_case_is_asked_with_its_current_labels() {
        let server = TestServer::start();
        let mut conn = crate::db::open_in_memory().unwrap();
        let case = crate::intake::add_case(
            &mut conn,
            &cases::NewCase {
                platform: "taobao".into(),
                product: "电热水壶".into(),
                stars: 1,
                review_text: REVIEW.into(),
                review_time: "2026-11-19T10:00:00Z".into(),
                ..Default::default()
            },
            "t",
            chrono::Utc::now(),
        )
        .unwrap();
        let req = prepare_triage(&conn, case.id).unwrap();
        assert_eq!(req.case_id, Some(case.id));
        assert_eq!(req.local.primary, case.primary_cause);
        assert_eq!(req.local.reasons, case.triage_reasons);
        let out = ask_triage(&endpoint(&server, "triage"), &req);
        assert!(out.used_ai);
        assert_eq!(out.agrees, case.primary_cause == Cause::Logistics);
    }
}
