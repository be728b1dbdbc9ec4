use super::test_server::{TestServer, BRIBE_ZH, GOOD_KEY, REPLY_ZH, SLOW};
use super::text::{clean_reply, SseParser, ThinkFilter};
use super::*;
use crate::cases::NewCase;
use crate::clock::{Clock, FixedClock};
use crate::common::Lang;
use crate::db::open_in_memory;
use crate::drafts::Severity;
use crate::error::CoreError;
use crate::intake;
use rusqlite::Connection;
use std::time::{Duration, Instant};

const BAD_KEY: &str = "sk-wrong-key-987654321";

fn now() -> chrono::DateTime<chrono::Utc> {
    FixedClock::at("2026-11-20T04:00:00Z").now()
}

fn new_case(conn: &mut Connection, platform: &str, product: &str, text: &str) -> i64 {
    let input = NewCase {
        platform: platform.into(),
        shop: "小林家居".into(),
        product: product.into(),
        stars: 1,
        review_text: text.into(),
        buyer_nick: "小雨点".into(),
        order_id: "2026112312345".into(),
        buyer_phone: "13812345678".into(),
        ..Default::default()
    };
    intake::add_case(conn, &input, "店主", now()).unwrap().id
}

fn kettle(conn: &mut Connection) -> i64 {
    new_case(
        conn,
        "taobao",
        "小林家居电热水壶 1.7L 家用304不锈钢 自动断电",
        "用了三天壶底就漏水了，质量太差，差评！",
    )
}

fn settings_for(base: &str) -> AiSettings {
    AiSettings {
        enabled: true,
        base_url: base.to_string(),
        model: "qwen2.5:7b".into(),
        timeout_secs: 10,
    }
}

fn ep(base: &str, key: Option<&str>) -> Endpoint {
    Endpoint::new(&settings_for(base), key.map(ApiKey::new)).unwrap()
}

fn err_code<T: std::fmt::Debug>(r: Result<T>) -> (String, String, String) {
    let e = r.unwrap_err();
    (e.code().to_string(), e.to_string(), format!("{e:?}"))
}

fn user_text(r: &server_request::Rec) -> (String, String) {
    (r.system.clone(), r.user.clone())
}

/// What the recorded request said, in pieces tests can read.
mod server_request {
    use serde_json::Value;

    pub struct Rec {
        pub model: String,
        pub stream: bool,
        pub system: String,
        pub user: String,
    }

    pub fn read(body: &Value) -> Rec {
        let msg = |i: usize, field: &str| {
            body.pointer(&format!("/messages/{i}/{field}"))
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        assert_eq!(msg(0, "role"), "system");
        assert_eq!(msg(1, "role"), "user");
        Rec {
            model: body["model"].as_str().unwrap_or_default().to_string(),
            stream: body["stream"].as_bool().unwrap_or(false),
            system: msg(0, "content"),
            user: msg(1, "content"),
        }
    }
}

// ---------- settings and the key ----------

#[test]
fn settings_round_trip_and_the_key_stays_out_of_the_database() {
    let conn = open_in_memory().unwrap();
    let store = MemoryKeychain::new();
    let st = status(&conn, &store).unwrap();
    assert!(!st.ready && !st.has_key && st.keychain_available);
    assert_eq!(st.settings, AiSettings::default());

    let saved = save_settings(
        &conn,
        &store,
        &AiSettings {
            enabled: true,
            base_url: " https://api.example.com/v1/chat/completions ".into(),
            model: " gpt-4o-mini ".into(),
            timeout_secs: 1,
        },
        &KeyUpdate::Set(ApiKey::new(format!("  {GOOD_KEY}\n"))),
    )
    .unwrap();
    assert!(saved.ready && saved.has_key);
    assert_eq!(saved.settings.base_url, "https://api.example.com/v1");
    assert_eq!(saved.settings.model, "gpt-4o-mini");
    assert_eq!(saved.settings.timeout_secs, MIN_TIMEOUT_SECS);
    assert_eq!(store.get().unwrap().unwrap().expose(), GOOD_KEY);
    assert_eq!(load_settings(&conn).unwrap(), saved.settings);

    // Nothing in the database holds the key.
    let dump: Vec<String> = conn
        .prepare("SELECT key || '=' || value FROM settings")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(dump.iter().any(|d| d.starts_with("ai=")));
    assert!(dump.iter().all(|d| !d.contains(GOOD_KEY)), "{dump:?}");
    // The status the UI gets never carries it either.
    let json = serde_json::to_string(&saved).unwrap();
    assert!(!json.contains(GOOD_KEY));

    // Keep leaves it, Clear removes it.
    let kept = save_settings(&conn, &store, &saved.settings, &KeyUpdate::Keep).unwrap();
    assert!(kept.has_key);
    let cleared = save_settings(&conn, &store, &saved.settings, &KeyUpdate::Clear).unwrap();
    assert!(!cleared.has_key);
    assert!(store.get().unwrap().is_none());
}

#[test]
fn key_update_arrives_from_the_ui_as_tagged_json() {
    let set: KeyUpdate = serde_json::from_str(r#"{"action":"set","key":"sk-abc"}"#).unwrap();
    assert_eq!(set, KeyUpdate::Set(ApiKey::new("sk-abc")));
    let keep: KeyUpdate = serde_json::from_str(r#"{"action":"keep"}"#).unwrap();
    assert_eq!(keep, KeyUpdate::Keep);
    let clear: KeyUpdate = serde_json::from_str(r#"{"action":"clear"}"#).unwrap();
    assert_eq!(clear, KeyUpdate::Clear);
    assert!(!format!("{set:?}").contains("sk-abc"));
}

#[test]
fn base_url_is_normalized_and_bad_ones_refused() {
    use super::settings::normalize_base_url as n;
    assert_eq!(
        n("http://localhost:11434").unwrap(),
        "http://localhost:11434/v1"
    );
    assert_eq!(
        n("http://localhost:11434/").unwrap(),
        "http://localhost:11434/v1"
    );
    assert_eq!(
        n("http://127.0.0.1:8080/v1/chat/completions").unwrap(),
        "http://127.0.0.1:8080/v1"
    );
    assert_eq!(
        n("https://api.deepseek.com/v1/").unwrap(),
        "https://api.deepseek.com/v1"
    );
    assert_eq!(
        n("https://example.com/openai/v1?x=1#f").unwrap(),
        "https://example.com/openai/v1"
    );
    for bad in [
        "localhost:11434",
        "ftp://host/v1",
        "not a url",
        "https://user:pw@host/v1",
    ] {
        let e = n(bad).unwrap_err();
        assert_eq!(e.code(), "validation.url_format", "{bad}");
        assert!(matches!(e, CoreError::Validation { ref field, .. } if field == "base_url"));
    }
}

#[test]
fn turning_on_needs_an_endpoint_and_a_model() {
    let conn = open_in_memory().unwrap();
    let store = MemoryKeychain::new();
    let mut s = settings_for("");
    let e = save_settings(&conn, &store, &s, &KeyUpdate::Keep).unwrap_err();
    assert_eq!(e.code(), "validation.required");
    assert!(matches!(e, CoreError::Validation { ref field, .. } if field == "base_url"));
    s.base_url = "http://localhost:11434".into();
    s.model = "  ".into();
    let e = save_settings(&conn, &store, &s, &KeyUpdate::Keep).unwrap_err();
    assert!(matches!(e, CoreError::Validation { ref field, .. } if field == "model"));
    // Off, an incomplete form is kept as a draft of the settings.
    s.enabled = false;
    let st = save_settings(&conn, &store, &s, &KeyUpdate::Keep).unwrap();
    assert!(!st.ready);
    assert_eq!(
        endpoint(&conn, &store).unwrap_err().code(),
        "ai.not_configured"
    );
}

#[test]
fn a_pasted_key_with_spaces_inside_is_refused() {
    let conn = open_in_memory().unwrap();
    let store = MemoryKeychain::new();
    let s = settings_for("http://localhost:11434/v1");
    let e = save_settings(
        &conn,
        &store,
        &s,
        &KeyUpdate::Set(ApiKey::new("sk-abc def")),
    )
    .unwrap_err();
    assert_eq!(e.code(), "validation.key_format");
    assert!(!e.to_string().contains("sk-abc"));
    let e = save_settings(&conn, &store, &s, &KeyUpdate::Set(ApiKey::new("  "))).unwrap_err();
    assert_eq!(e.code(), "validation.required");
    assert!(store.get().unwrap().is_none());
}

#[test]
fn without_a_keychain_the_screen_still_works_and_saving_a_key_says_why_not() {
    let conn = open_in_memory().unwrap();
    let store = MemoryKeychain::unavailable();
    let st = status(&conn, &store).unwrap();
    assert!(!st.keychain_available && !st.has_key);
    let s = settings_for("http://localhost:11434");
    let e = save_settings(&conn, &store, &s, &KeyUpdate::Set(ApiKey::new(GOOD_KEY))).unwrap_err();
    assert_eq!(e.code(), "ai.keychain_unavailable");
    assert!(!e.to_string().contains(GOOD_KEY));
    // Nothing was saved when the key could not be.
    assert_eq!(load_settings(&conn).unwrap(), AiSettings::default());
    // A local server needs no key: saving without one works.
    let st = save_settings(&conn, &store, &s, &KeyUpdate::Keep).unwrap();
    assert!(st.ready && !st.keychain_available);
    assert!(endpoint(&conn, &store).is_ok());
}

// ---------- the prompt ----------

#[test]
fn prompt_carries_the_playbook_rules_and_the_case_facts() {
    let mut conn = open_in_memory().unwrap();
    let id = kettle(&mut conn);
    let req = prepare(&conn, id, Channel::Public, None).unwrap();
    assert_eq!(req.lang, Lang::Zh);
    assert_eq!(req.cap, Some(500));
    let system = &req.messages[0].content;
    let user = &req.messages[1].content;
    assert_eq!(req.messages[0].role, "system");
    assert_eq!(req.messages[1].role, "user");
    // Five parts, channel conventions, register, compliance, the platform cap.
    for rule in [
        "五个部分",
        "致歉",
        "订单号、照片",
        "补救方案",
        "改进",
        "欢迎再来",
        "公开回复",
        "以后的买家",
        "个人信息",
        "不超过 500 个字",
        "“亲”或“您”",
        "返现",
        "修改、删除评价或给好评挂钩",
        "诉说店铺自己的难处",
        "用简体中文写",
    ] {
        assert!(
            system.contains(rule),
            "system prompt lacks «{rule}»:\n{system}"
        );
    }
    // The facts: platform, shop, product, the specific problem, remedy, sign-off, review.
    for fact in [
        "平台：淘宝",
        "店铺：小林家居",
        "电热水壶",
        "漏水",
        "质量问题",
        "补救方案（建议）",
        "私信渠道：旺旺",
        "落款：小林家居",
        "用了三天壶底就漏水了",
    ] {
        assert!(user.contains(fact), "facts lack «{fact}»:\n{user}");
    }
    // A public reply's prompt never hands the model the buyer's personal data.
    let all = format!("{system}\n{user}");
    for private in ["小雨点", "2026112312345", "13812345678"] {
        assert!(!all.contains(private), "public prompt carries «{private}»");
    }

    let private = prepare(&conn, id, Channel::Private, None).unwrap();
    let user = &private.messages[1].content;
    assert!(user.contains("买家昵称：小雨点") && user.contains("订单2026112312345"));
    assert!(private.messages[0].content.contains("私信（旺旺）"));
    assert!(
        !user.contains("13812345678"),
        "the phone number is never sent"
    );
    assert_eq!(private.cap, None);

    let phone = prepare(&conn, id, Channel::Phone, None).unwrap();
    let system = &phone.messages[0].content;
    assert!(system.contains("确认身份") && system.contains("不要猜对方性别"));
    assert!(system.contains("道歉两到三次") && system.contains("具体的跟进时间"));
    assert!(!phone.messages[1].content.contains("13812345678"));
    // The phone number is known to the checker, not printed in Debug.
    assert!(!format!("{phone:?}").contains("13812345678"));
}

#[test]
fn prompt_follows_the_language_and_platform() {
    let mut conn = open_in_memory().unwrap();
    let id = new_case(
        &mut conn,
        "amazon",
        "Electric Kettle 1.7L Stainless Steel - Auto Shut-Off",
        "It started leaking from the bottom after three days. Very disappointed.",
    );
    let req = prepare(&conn, id, Channel::Public, None).unwrap();
    assert_eq!(req.lang, Lang::En);
    let system = &req.messages[0].content;
    let user = &req.messages[1].content;
    assert!(system.contains("Write in English"));
    assert!(system.contains("five parts"));
    assert!(system.contains("At most 500 characters"));
    assert!(system.contains("never tie a refund, cash back, coupon, gift"));
    assert!(system.contains("natural, warm English"));
    assert!(user.contains("Platform: Amazon"));
    assert!(user.contains("Electric Kettle"));
    assert!(user.contains("leak"), "{user}");
    // Switched to Chinese on demand.
    let zh = prepare(&conn, id, Channel::Public, Some(Lang::Zh)).unwrap();
    assert!(zh.messages[0].content.contains("用简体中文写"));
    assert!(zh.messages[0].content.contains("称呼买家用“您”"));
    // A tighter platform cap reaches the prompt.
    let pdd = new_case(&mut conn, "pinduoduo", "保温杯", "杯盖漏水");
    let req = prepare(&conn, pdd, Channel::Public, None).unwrap();
    assert_eq!(req.cap, Some(200));
    assert!(req.messages[0].content.contains("不超过 200 个字"));
}

#[test]
fn prompt_uses_the_remedy_recorded_on_the_case() {
    let mut conn = open_in_memory().unwrap();
    let id = kettle(&mut conn);
    crate::remedies::add_remedy(
        &mut conn,
        id,
        &crate::remedies::RemedyInput {
            kind: Some(crate::remedies::RemedyKind::PartialRefund),
            value: "20".into(),
            ..Default::default()
        },
        "店主",
        now(),
    )
    .unwrap();
    let req = prepare(&conn, id, Channel::Private, None).unwrap();
    let user = &req.messages[1].content;
    assert!(user.contains("补救方案（本案已记录，照此写）"), "{user}");
    assert!(user.contains("¥20"), "{user}");
    // In public the amount stays between the shop and the buyer.
    let public = prepare(&conn, id, Channel::Public, None).unwrap();
    assert!(!public.messages[1].content.contains("¥20"));
}

// ---------- talking to a real server ----------

#[test]
fn request_carries_model_rules_and_facts_and_no_key_when_none_is_set() {
    let server = TestServer::start();
    let mut conn = open_in_memory().unwrap();
    let id = kettle(&mut conn);
    let req = prepare(&conn, id, Channel::Public, None).unwrap();
    let d = complete(&ep(&server.base("ok"), None), &req).unwrap();

    let seen = server.requests();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].path, "/ok/v1/chat/completions");
    assert_eq!(
        seen[0].authorization, None,
        "no key, no Authorization header"
    );
    let r = server_request::read(&seen[0].body);
    assert_eq!(r.model, "qwen2.5:7b");
    assert!(!r.stream);
    let (system, user) = user_text(&r);
    assert!(system.contains("五个部分") && system.contains("返现"));
    assert!(user.contains("电热水壶") && user.contains("漏水"));

    assert_eq!(d.text, REPLY_ZH);
    assert_eq!(d.model, "qwen2.5:7b");
    assert_eq!(d.channel, Channel::Public);
    assert_eq!(d.lang, Lang::Zh);
    assert_eq!(d.cap, Some(500));
    assert_eq!(d.chars, REPLY_ZH.chars().count() as u32);
    assert!(!d.truncated);
    assert!(
        d.findings.iter().all(|f| f.severity != Severity::Blocking),
        "{:?}",
        d.findings
    );
}

#[test]
fn bearer_key_is_sent_when_one_is_stored() {
    let server = TestServer::start();
    let mut conn = open_in_memory().unwrap();
    let id = kettle(&mut conn);
    let store = MemoryKeychain::new();
    save_settings(
        &conn,
        &store,
        &settings_for(&server.base("auth")),
        &KeyUpdate::Set(ApiKey::new(GOOD_KEY)),
    )
    .unwrap();
    let d = draft(&conn, &store, id, Channel::Private, None, None).unwrap();
    assert!(!d.text.is_empty());
    let seen = server.requests();
    assert_eq!(
        seen[0].authorization.as_deref(),
        Some(format!("Bearer {GOOD_KEY}").as_str())
    );
    let ep = endpoint(&conn, &store).unwrap();
    assert!(ep.has_key());
    assert!(!format!("{ep:?}").contains(GOOD_KEY), "Debug shows the key");
}

#[test]
fn streaming_hands_over_pieces_in_order_and_returns_the_checked_whole() {
    let server = TestServer::start();
    let mut conn = open_in_memory().unwrap();
    let id = kettle(&mut conn);
    let req = prepare(&conn, id, Channel::Public, None).unwrap();
    let mut pieces: Vec<String> = Vec::new();
    let d = complete_streaming(&ep(&server.base("ok"), None), &req, &mut |p| {
        pieces.push(p.to_string());
        true
    })
    .unwrap();
    assert!(pieces.len() > 10, "{} pieces", pieces.len());
    assert_eq!(pieces.concat(), REPLY_ZH);
    assert_eq!(d.text, REPLY_ZH);
    assert!(server_request::read(&server.requests()[0].body).stream);
    assert!(d.findings.iter().all(|f| f.severity != Severity::Blocking));
}

#[test]
fn reasoning_is_hidden_while_streaming_and_after() {
    let server = TestServer::start();
    let mut conn = open_in_memory().unwrap();
    let id = kettle(&mut conn);
    let req = prepare(&conn, id, Channel::Public, None).unwrap();
    let e = ep(&server.base("think"), None);
    let mut shown = String::new();
    let d = complete_streaming(&e, &req, &mut |p| {
        shown.push_str(p);
        true
    })
    .unwrap();
    assert!(
        !shown.contains("think") && !shown.contains("先道歉"),
        "{shown}"
    );
    assert_eq!(shown.trim(), REPLY_ZH);
    assert_eq!(d.text, REPLY_ZH);
    // Not streamed: the reasoning and the Markdown fence are gone too.
    let d = complete(&e, &req).unwrap();
    assert_eq!(d.text, REPLY_ZH);
}

#[test]
fn a_server_that_ignores_stream_still_works() {
    let server = TestServer::start();
    let mut conn = open_in_memory().unwrap();
    let id = kettle(&mut conn);
    let req = prepare(&conn, id, Channel::Public, None).unwrap();
    let mut pieces = 0;
    let d = complete_streaming(&ep(&server.base("nostream"), None), &req, &mut |_| {
        pieces += 1;
        true
    })
    .unwrap();
    assert_eq!(pieces, 1);
    assert_eq!(d.text, REPLY_ZH);
}

#[test]
fn ai_output_goes_through_the_same_checker() {
    let server = TestServer::start();
    let mut conn = open_in_memory().unwrap();
    let id = kettle(&mut conn);
    let req = prepare(&conn, id, Channel::Public, None).unwrap();
    for stream in [false, true] {
        let e = ep(&server.base("bribe"), None);
        let d = if stream {
            complete_streaming(&e, &req, &mut |_| true).unwrap()
        } else {
            complete(&e, &req).unwrap()
        };
        assert_eq!(d.text, BRIBE_ZH);
        assert_eq!(
            d.findings,
            crate::drafts::check(
                BRIBE_ZH,
                crate::cases::Platform::Taobao,
                Channel::Public,
                Lang::Zh
            )
        );
        let compliance: Vec<_> = d
            .findings
            .iter()
            .filter(|f| f.code.starts_with("compliance.") && f.severity == Severity::Blocking)
            .collect();
        assert!(!compliance.is_empty(), "{:?}", d.findings);
    }
}

#[test]
fn a_model_stopped_at_its_limit_is_marked_cut() {
    let server = TestServer::start();
    let mut conn = open_in_memory().unwrap();
    let id = kettle(&mut conn);
    let req = prepare(&conn, id, Channel::Private, None).unwrap();
    let d = complete(&ep(&server.base("length"), None), &req).unwrap();
    assert!(d.truncated);
    let d = complete_streaming(&ep(&server.base("runaway"), None), &req, &mut |_| true).unwrap();
    assert!(d.truncated);
    assert!(d.chars <= 8000 + 400, "{}", d.chars);
}

#[test]
fn the_owner_can_stop_a_stream() {
    let server = TestServer::start();
    let mut conn = open_in_memory().unwrap();
    let id = kettle(&mut conn);
    let req = prepare(&conn, id, Channel::Public, None).unwrap();
    let mut n = 0;
    let (code, _, _) = err_code(complete_streaming(
        &ep(&server.base("ok"), None),
        &req,
        &mut |_| {
            n += 1;
            n < 3
        },
    ));
    assert_eq!(code, "ai.cancelled");
    assert_eq!(n, 3);
}

// ---------- failures, each with its code ----------

#[test]
fn a_bad_key_is_explained_and_never_leaked() {
    let server = TestServer::start();
    let mut conn = open_in_memory().unwrap();
    let id = kettle(&mut conn);
    let req = prepare(&conn, id, Channel::Public, None).unwrap();
    let e = ep(&server.base("auth"), Some(BAD_KEY));
    // The server echoes the refused key; it must not reach the owner or a log.
    for r in [
        complete(&e, &req).map(|_| ()),
        complete_streaming(&e, &req, &mut |_| true).map(|_| ()),
        test_connection(&e).map(|_| ()),
    ] {
        let (code, msg, debug) = err_code(r);
        assert_eq!(code, "ai.bad_key");
        assert!(
            msg.contains("401") && msg.contains("refused the API key"),
            "{msg}"
        );
        assert!(msg.contains("***"), "the echoed key is masked: {msg}");
        assert!(
            !msg.contains(BAD_KEY) && !debug.contains(BAD_KEY),
            "{debug}"
        );
        let payload = serde_json::to_string(&CoreError::service("x", msg)).unwrap();
        assert!(!payload.contains(BAD_KEY));
    }
    assert!(!format!("{e:?}").contains(BAD_KEY));
    assert_eq!(
        server.requests()[0].authorization.as_deref(),
        Some(format!("Bearer {BAD_KEY}").as_str())
    );

    // No key at all, against a server that wants one.
    let (code, msg, _) = err_code(complete(&ep(&server.base("auth"), None), &req));
    assert_eq!(code, "ai.bad_key");
    assert!(msg.contains("none is set"), "{msg}");
    let (code, _, _) = err_code(complete(
        &ep(&server.base("forbidden"), Some(BAD_KEY)),
        &req,
    ));
    assert_eq!(code, "ai.bad_key");
}

#[test]
fn an_unreadable_keychain_explains_a_refusal() {
    let server = TestServer::start();
    let mut conn = open_in_memory().unwrap();
    let id = kettle(&mut conn);
    let store = MemoryKeychain::unavailable();
    save_settings(
        &conn,
        &store,
        &settings_for(&server.base("auth")),
        &KeyUpdate::Keep,
    )
    .unwrap();
    let (code, msg, _) = err_code(draft(&conn, &store, id, Channel::Public, None, None));
    assert_eq!(code, "ai.keychain_unavailable");
    assert!(msg.contains("keychain"), "{msg}");
    // The same server without a key requirement works with no keychain at all.
    save_settings(
        &conn,
        &store,
        &settings_for(&server.base("ok")),
        &KeyUpdate::Keep,
    )
    .unwrap();
    assert!(draft(&conn, &store, id, Channel::Public, None, None).is_ok());
}

#[test]
fn rate_limits_say_when_to_retry() {
    let server = TestServer::start();
    let mut conn = open_in_memory().unwrap();
    let id = kettle(&mut conn);
    let req = prepare(&conn, id, Channel::Public, None).unwrap();
    let (code, msg, _) = err_code(complete(&ep(&server.base("rate"), Some(GOOD_KEY)), &req));
    assert_eq!(code, "ai.rate_limited");
    assert!(
        msg.contains("retry after 7 s") && msg.contains("Rate limit reached"),
        "{msg}"
    );
}

#[test]
fn server_failures_are_server_errors() {
    let server = TestServer::start();
    let mut conn = open_in_memory().unwrap();
    let id = kettle(&mut conn);
    let req = prepare(&conn, id, Channel::Public, None).unwrap();
    let (code, msg, _) = err_code(complete(&ep(&server.base("boom"), None), &req));
    assert_eq!(code, "ai.server_error");
    assert!(
        msg.contains("500") && msg.contains("error while processing"),
        "{msg}"
    );
    let (code, msg, _) = err_code(complete(&ep(&server.base("gateway"), None), &req));
    assert_eq!(code, "ai.server_error");
    assert!(msg.contains("502") && !msg.contains("<html>"), "{msg}");
    let (code, msg, _) = err_code(complete_streaming(
        &ep(&server.base("streamerror"), None),
        &req,
        &mut |_| true,
    ));
    assert_eq!(code, "ai.server_error");
    assert!(msg.contains("model crashed"), "{msg}");
}

#[test]
fn malformed_answers_are_bad_responses() {
    let server = TestServer::start();
    let mut conn = open_in_memory().unwrap();
    let id = kettle(&mut conn);
    let req = prepare(&conn, id, Channel::Public, None).unwrap();
    for scenario in ["badjson", "nochoices", "empty"] {
        let (code, msg, _) = err_code(complete(&ep(&server.base(scenario), None), &req));
        assert_eq!(code, "ai.bad_response", "{scenario}: {msg}");
    }
    let (code, _, _) = err_code(complete_streaming(
        &ep(&server.base("streamgarbage"), None),
        &req,
        &mut |_| true,
    ));
    assert_eq!(code, "ai.bad_response");
}

#[test]
fn an_unknown_model_is_a_rejected_request_with_the_servers_words() {
    let server = TestServer::start();
    let mut conn = open_in_memory().unwrap();
    let id = kettle(&mut conn);
    let req = prepare(&conn, id, Channel::Public, None).unwrap();
    let (code, msg, _) = err_code(complete(&ep(&server.base("unknown_model"), None), &req));
    assert_eq!(code, "ai.rejected");
    assert!(
        msg.contains("404") && msg.contains("\"qwen2.5:7b\" not found"),
        "{msg}"
    );
}

#[test]
fn a_slow_server_times_out() {
    let server = TestServer::start();
    let mut conn = open_in_memory().unwrap();
    let id = kettle(&mut conn);
    let req = prepare(&conn, id, Channel::Public, None).unwrap();
    let limit = Duration::from_millis(300);
    let started = Instant::now();
    let (code, msg, _) = err_code(complete(
        &ep(&server.base("slow"), None).with_timeout(limit),
        &req,
    ));
    assert_eq!(code, "ai.timeout", "{msg}");
    assert!(
        started.elapsed() < SLOW,
        "gave up only after {:?}",
        started.elapsed()
    );
    // A stream that starts and then goes quiet times out too, after showing what came.
    let mut shown = String::new();
    let (code, msg, _) = err_code(complete_streaming(
        &ep(&server.base("stall"), None).with_timeout(limit),
        &req,
        &mut |p| {
            shown.push_str(p);
            true
        },
    ));
    assert_eq!(code, "ai.timeout", "{msg}");
    assert!(!shown.is_empty());
}

#[test]
fn a_closed_port_is_offline() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let mut conn = open_in_memory().unwrap();
    let id = kettle(&mut conn);
    let req = prepare(&conn, id, Channel::Public, None).unwrap();
    let e = ep(&format!("http://127.0.0.1:{port}/v1"), Some(GOOD_KEY));
    let (code, msg, debug) = err_code(complete(&e, &req));
    assert_eq!(code, "ai.offline");
    assert!(msg.contains(&format!("127.0.0.1:{port}")), "{msg}");
    assert!(!debug.contains(GOOD_KEY));
    let (code, _, _) = err_code(test_connection(&e));
    assert_eq!(code, "ai.offline");
    // A cloud URL builds the TLS client (rustls with its crypto provider) before failing
    // to connect the same way.
    let tls = ep(&format!("https://127.0.0.1:{port}/v1"), Some(GOOD_KEY));
    let (code, _, _) = err_code(complete(&tls, &req));
    assert_eq!(code, "ai.offline");
}

#[test]
fn test_connection_names_the_model_and_lists_the_others() {
    let server = TestServer::start();
    let r = test_connection(&ep(&server.base("ok"), None)).unwrap();
    assert_eq!(r.model, "qwen2.5:7b");
    assert!(!r.reply.is_empty());
    assert_eq!(r.models, vec!["llama3.1:8b", "qwen2.5:7b"]);
    let paths: Vec<String> = server.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(paths, vec!["/ok/v1/chat/completions", "/ok/v1/models"]);
    // A key typed in the form (not saved yet) is what the test uses.
    let store = MemoryKeychain::new();
    let e = resolve_endpoint(
        &settings_for(&server.base("auth")),
        &store,
        &KeyUpdate::Set(ApiKey::new(GOOD_KEY)),
    )
    .unwrap();
    assert!(test_connection(&e).is_ok());
    assert!(store.get().unwrap().is_none(), "testing stores nothing");
}

#[test]
fn english_draft_for_an_amazon_case() {
    let server = TestServer::start();
    let mut conn = open_in_memory().unwrap();
    let id = new_case(
        &mut conn,
        "amazon",
        "Electric Kettle 1.7L Stainless Steel - Auto Shut-Off",
        "It started leaking from the bottom after three days.",
    );
    let store = MemoryKeychain::new();
    save_settings(
        &conn,
        &store,
        &settings_for(&server.base("ok")),
        &KeyUpdate::Keep,
    )
    .unwrap();
    let d = draft(&conn, &store, id, Channel::Public, None, None).unwrap();
    assert_eq!(d.lang, Lang::En);
    assert!(d.text.starts_with("Sorry the kettle leaked"));
    assert!(
        d.findings.iter().all(|f| f.severity != Severity::Blocking),
        "{:?}",
        d.findings
    );
}

// ---------- reading the answer ----------

#[test]
fn sse_events_join_data_lines_and_skip_the_rest() {
    let mut p = SseParser::default();
    assert_eq!(p.line(": comment"), None);
    assert_eq!(p.line("event: message"), None);
    assert_eq!(p.line("data: {\"a\":"), None);
    assert_eq!(p.line("data:1}\r"), None);
    assert_eq!(p.line("\r").as_deref(), Some("{\"a\":\n1}"));
    assert_eq!(p.line(""), None);
    assert_eq!(p.line("data: [DONE]"), None);
    assert_eq!(p.flush().as_deref(), Some("[DONE]"));
}

#[test]
fn think_blocks_are_hidden_even_when_cut_across_pieces() {
    let mut f = ThinkFilter::default();
    let mut out = String::new();
    for p in ["前<", "thi", "nk>想", "一想</thi", "nk>后<b>", "粗</b><th"] {
        out.push_str(&f.push(p));
    }
    out.push_str(&f.finish());
    assert_eq!(out, "前后<b>粗</b><th");
    let mut f = ThinkFilter::default();
    assert_eq!(f.push("答<think>没想完"), "答");
    assert_eq!(f.finish(), "");
}

#[test]
fn replies_are_cleaned_of_wrapping() {
    assert_eq!(clean_reply("```text\n亲，抱歉。\n```"), "亲，抱歉。");
    assert_eq!(clean_reply("“亲，抱歉。”"), "亲，抱歉。");
    assert_eq!(clean_reply("\"Sorry.\""), "Sorry.");
    assert_eq!(
        clean_reply("**抱歉**\n\n\n\n欢迎再来  "),
        "抱歉\n\n欢迎再来"
    );
    assert_eq!(clean_reply("<think>x</think>  好的"), "好的");
    // Quotes inside the text stay.
    assert_eq!(clean_reply("“A”和“B”"), "“A”和“B”");
}
