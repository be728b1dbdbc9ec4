//! `ai-config` and `ai-draft` as a script would use them, against a chat-completions
//! server on 127.0.0.1. The system keychain is only read (under the development
//! identity); keys come from `HAOPING_AI_KEY`.

// Test helpers outside #[test] functions: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

mod common;

use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use common::{command, fresh_db, json};
use std::process::Output;

const KEY: &str = "sk-cli-test-4242";
const REPLY: &str = "亲，非常抱歉电热水壶漏水了。麻烦您通过旺旺发来订单号和照片，我们马上为您换新或退款。我们已经加强出库检测。欢迎随时联系我们。";

async fn chat(headers: HeaderMap, body: String) -> Response {
    let v: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
    let auth = headers
        .get(header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if auth != format!("Bearer {KEY}") {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::CONTENT_TYPE, "application/json")],
            r#"{"error":{"message":"bad key"}}"#,
        )
            .into_response();
    }
    let model = v["model"].as_str().unwrap_or_default().to_string();
    let system = v["messages"][0]["content"].as_str().unwrap_or_default();
    if system.contains("negative reviews by cause") {
        // A triage request: labels with a quote from the review.
        let content = r#"{"primary":"quality","causes":["quality"],"evidence":["壶底漏水"]}"#;
        let answer = serde_json::json!({
            "model": model,
            "choices": [{ "index": 0, "message": { "role": "assistant", "content": content }, "finish_reason": "stop" }],
        });
        return (
            [(header::CONTENT_TYPE, "application/json")],
            answer.to_string(),
        )
            .into_response();
    }
    if v["stream"].as_bool() == Some(true) {
        let mut sse = String::new();
        for part in REPLY.chars().collect::<Vec<_>>().chunks(6) {
            let s: String = part.iter().collect();
            let chunk = serde_json::json!({
                "model": model,
                "choices": [{ "index": 0, "delta": { "content": s }, "finish_reason": null }],
            });
            sse.push_str(&format!("data: {chunk}\n\n"));
        }
        sse.push_str("data: [DONE]\n\n");
        return ([(header::CONTENT_TYPE, "text/event-stream")], sse).into_response();
    }
    let answer = serde_json::json!({
        "model": model,
        "choices": [{ "index": 0, "message": { "role": "assistant", "content": REPLY }, "finish_reason": "stop" }],
    });
    (
        [(header::CONTENT_TYPE, "application/json")],
        answer.to_string(),
    )
        .into_response()
}

struct Server {
    base: String,
    _rt: tokio::runtime::Runtime,
}

fn server() -> Server {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let listener = rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let addr = listener.local_addr().unwrap();
    let app = Router::new().route("/v1/chat/completions", post(chat));
    rt.spawn(async move { axum::serve(listener, app).await.unwrap() });
    Server {
        base: format!("http://{addr}/v1"),
        _rt: rt,
    }
}

/// Under the development identity (its keychain entry is only read), with `key` as the
/// AI key from the environment.
fn cli(db: &std::path::Path, key: Option<&str>, args: &[&str]) -> Output {
    let mut cmd = command(db);
    cmd.arg("--dev").args(args);
    if let Some(k) = key {
        cmd.env("HAOPING_AI_KEY", k);
    }
    cmd.output().unwrap()
}

fn add_case(db: &std::path::Path) {
    json(&cli(
        db,
        None,
        &[
            "--json",
            "add",
            "--platform",
            "taobao",
            "--product",
            "电热水壶",
            "--stars",
            "1",
            "--review",
            "用了三天壶底漏水",
        ],
    ));
}

#[test]
fn ai_config_then_ai_draft_streamed_and_as_json() {
    let srv = server();
    let (_dir, db) = fresh_db();
    add_case(&db);

    // Not set up yet: a clear code, exit 2.
    let out = cli(&db, Some(KEY), &["--json", "ai-draft", "1"]);
    assert_eq!(out.status.code(), Some(2));
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["code"], "ai.not_configured");

    let st = json(&cli(
        &db,
        None,
        &[
            "--json",
            "ai-config",
            "--base-url",
            &format!("{}/chat/completions", srv.base),
            "--model",
            "qwen2.5:7b",
        ],
    ));
    assert_eq!(st["settings"]["enabled"], true);
    assert_eq!(st["settings"]["base_url"], srv.base.as_str());
    assert_eq!(st["settings"]["model"], "qwen2.5:7b");
    assert_eq!(st["ready"], true);
    assert!(st.get("key").is_none() && !st.to_string().contains(KEY));

    // The key from the environment reaches the server as a Bearer token.
    let d = json(&cli(&db, Some(KEY), &["--json", "ai-draft", "1"]));
    assert_eq!(d["channel"], "public");
    assert_eq!(d["lang"], "zh");
    assert_eq!(d["text"], REPLY);
    assert_eq!(d["model"], "qwen2.5:7b");
    assert!(d["findings"].is_array());
    assert_eq!(d["cap"], 500);

    let out = cli(&db, Some(KEY), &["ai-draft", "1", "--channel", "private"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("── AI private (zh) · qwen2.5:7b"), "{text}");
    assert!(text.contains(REPLY), "{text}");

    // A wrong key: the server's refusal, never the key.
    let out = cli(&db, Some("sk-nope-1234"), &["--json", "ai-draft", "1"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("\"code\":\"ai.bad_key\""), "{stderr}");
    assert!(!stderr.contains("sk-nope-1234"));

    // Bad arguments are refused before anything is sent.
    let out = cli(&db, Some(KEY), &["ai-draft", "1", "--channel", "fax"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("validation.unknown_value"));

    // Turning it off keeps the settings.
    let st = json(&cli(&db, None, &["--json", "ai-config", "--disable"]));
    assert_eq!(st["settings"]["enabled"], false);
    assert_eq!(st["settings"]["model"], "qwen2.5:7b");
    let out = cli(&db, Some(KEY), &["--json", "ai-draft", "1"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn ai_triage_labels_a_case_or_keeps_the_local_labels() {
    let srv = server();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    add_case(&db);
    json(&cli(
        &db,
        None,
        &[
            "--json",
            "ai-config",
            "--base-url",
            &srv.base,
            "--model",
            "qwen2.5:7b",
        ],
    ));
    let out = json(&cli(&db, Some(KEY), &["--json", "ai-triage", "1"]));
    assert_eq!(out["used_ai"], true, "{out}");
    assert_eq!(out["triage"]["primary"], "quality");
    assert!(out["problem"].is_null());
    let reasons = out["triage"]["reasons"].to_string();
    assert!(
        reasons.contains("AI") && reasons.contains("壶底漏水"),
        "{reasons}"
    );

    // A refused key: the local labels, and why.
    let out = json(&cli(
        &db,
        Some("sk-wrong-0000"),
        &["--json", "ai-triage", "1"],
    ));
    assert_eq!(out["used_ai"], false);
    assert_eq!(out["problem"]["code"], "ai.bad_key");
    let local = json(&cli(&db, None, &["--json", "show", "1"]));
    assert_eq!(out["triage"]["primary"], local["case"]["primary_cause"]);

    // A text, read as people do.
    let out = cli(
        &db,
        Some(KEY),
        &["ai-triage", "--text", "壶底漏水，客服也不理人"],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.starts_with("AI (qwen2.5:7b): quality"), "{text}");
}

#[test]
fn ai_config_test_reports_the_model_or_why_not() {
    let srv = server();
    let (_dir, db) = fresh_db();
    let out = json(&cli(
        &db,
        Some(KEY),
        &[
            "--json",
            "ai-config",
            "--base-url",
            &srv.base,
            "--model",
            "m1",
            "--test",
        ],
    ));
    assert_eq!(out["test"]["model"], "m1");
    assert!(out["test"]["latency_ms"].is_u64());

    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let out = cli(
        &db,
        None,
        &[
            "ai-config",
            "--base-url",
            &format!("http://127.0.0.1:{closed}"),
            "--test",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("[ai.offline]"));
    let bad = cli(&db, None, &["ai-config", "--base-url", "localhost:11434"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("validation.url_format"));
}
