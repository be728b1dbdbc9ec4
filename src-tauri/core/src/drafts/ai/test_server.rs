//! A real chat-completions server on 127.0.0.1 for the client's tests. Each scenario is a
//! path prefix (`http://127.0.0.1:PORT/<scenario>/v1`), so one server covers good
//! answers, streaming, and every failure the client must explain.

use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The key the `auth` scenario accepts.
pub const GOOD_KEY: &str = "sk-test-good-123456";
/// How long the slow scenarios keep the client waiting (tests use a much shorter timeout).
pub const SLOW: Duration = Duration::from_millis(1500);

pub const REPLY_ZH: &str = "亲，非常抱歉电热水壶出现漏水的问题，给您添麻烦了。麻烦您通过旺旺把订单号和照片发给我们，核实后马上为您换新或退款。我们已经加强了出库前的检测，避免再出现这种情况。欢迎随时联系我们，期待您再次光临。—— 小林家居";
pub const BRIBE_ZH: &str =
    "亲，非常抱歉给您带来不便。只要您把差评改成好评，我们马上返现20元。期待您再次光临。";

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub path: String,
    pub authorization: Option<String>,
    pub body: Value,
}

#[derive(Clone, Default)]
struct Shared {
    seen: Arc<Mutex<Vec<Recorded>>>,
}

pub struct TestServer {
    pub addr: std::net::SocketAddr,
    shared: Shared,
    rt: Option<tokio::runtime::Runtime>,
}

impl TestServer {
    pub fn start() -> TestServer {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let shared = Shared::default();
        let app = Router::new()
            .route("/{scenario}/v1/chat/completions", post(chat))
            .route("/{scenario}/v1/models", get(models))
            .with_state(shared.clone());
        let listener = rt
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let addr = listener.local_addr().unwrap();
        rt.spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        TestServer {
            addr,
            shared,
            rt: Some(rt),
        }
    }

    /// The API root for a scenario, as an owner would type it.
    pub fn base(&self, scenario: &str) -> String {
        format!("http://{}/{scenario}/v1", self.addr)
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.seen.lock().unwrap().clone()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        // Slow handlers may still be sleeping: do not wait for them.
        if let Some(rt) = self.rt.take() {
            rt.shutdown_background();
        }
    }
}

fn error_json(status: StatusCode, message: &str, kind: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        json!({ "error": { "message": message, "type": kind, "code": status.as_u16() } })
            .to_string(),
    )
        .into_response()
}

fn completion(model: &str, text: &str, finish: &str) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        json!({
            "id": "chatcmpl-test",
            "object": "chat.completion",
            "created": 1_790_000_000,
            "model": model,
            "choices": [{
                "index": 0,
                "message": { "role": "assistant", "content": text },
                "finish_reason": finish,
            }],
            "usage": { "prompt_tokens": 10, "completion_tokens": 20, "total_tokens": 30 },
        })
        .to_string(),
    )
        .into_response()
}

fn chunk(model: &str, delta: Value, finish: Option<&str>) -> String {
    let v = json!({
        "id": "chatcmpl-test",
        "object": "chat.completion.chunk",
        "created": 1_790_000_000,
        "model": model,
        "choices": [{ "index": 0, "delta": delta, "finish_reason": finish }],
    });
    format!("data: {v}\n\n")
}

/// Server-sent events, one `data:` event per piece, with a pause before each.
fn sse(events: Vec<String>, pause: Duration) -> Response {
    let stream = futures_util::stream::unfold(events.into_iter(), move |mut it| async move {
        let next = it.next()?;
        tokio::time::sleep(pause).await;
        Some((Ok::<Bytes, Infallible>(Bytes::from(next)), it))
    });
    (
        [
            (header::CONTENT_TYPE, "text/event-stream"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        Body::from_stream(stream),
    )
        .into_response()
}

/// A reply cut into pieces of a few characters, as a model streams it.
fn pieces(model: &str, text: &str, size: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = vec![
        // Servers open with the role and an empty content.
        ": keep-alive comment\n\n".to_string(),
        chunk(model, json!({ "role": "assistant", "content": "" }), None),
    ];
    for part in chars.chunks(size) {
        let s: String = part.iter().collect();
        out.push(chunk(model, json!({ "content": s }), None));
    }
    out.push(chunk(model, json!({}), Some("stop")));
    out.push("data: [DONE]\n\n".to_string());
    out
}

fn reply_for(body: &Value) -> &'static str {
    let system = body
        .pointer("/messages/0/content")
        .and_then(Value::as_str)
        .unwrap_or("");
    if system.contains("Write in English") {
        "Sorry the kettle leaked. Please send your order number and a photo through Amazon messages, and we will replace or refund it right away. We have added a leak test before packing. Contact us any time. The Lin Home team"
    } else {
        REPLY_ZH
    }
}

/// The review in a triage request (after "Review:" in the user message), and its first
/// clause, which the triage scenarios quote as evidence.
fn first_clause(body: &Value) -> String {
    let user = body
        .pointer("/messages/1/content")
        .and_then(Value::as_str)
        .unwrap_or("");
    let review = user.split("Review:\n").nth(1).unwrap_or("");
    review
        .split(['，', ',', '。'])
        .next()
        .unwrap_or("")
        .to_string()
}

/// A triage answer as models give them: prose around a fenced JSON object.
fn triage_answer(primary: &str, causes: &[&str], evidence: &[&str]) -> String {
    let v = json!({ "primary": primary, "causes": causes, "evidence": evidence });
    format!("Here is the classification:\n```json\n{v}\n```")
}

async fn chat(
    State(shared): State<Shared>,
    Path(scenario): Path<String>,
    headers: HeaderMap,
    raw: Bytes,
) -> Response {
    let body: Value = serde_json::from_slice(&raw).unwrap_or(Value::Null);
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .map(String::from);
    shared.seen.lock().unwrap().push(Recorded {
        path: format!("/{scenario}/v1/chat/completions"),
        authorization: authorization.clone(),
        body: body.clone(),
    });
    let model = body
        .get("model")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let stream = body.get("stream").and_then(Value::as_bool) == Some(true);
    let reply = reply_for(&body);
    match scenario.as_str() {
        "ok" if stream => sse(pieces(&model, reply, 7), Duration::from_millis(2)),
        "ok" => completion(&model, reply, "stop"),
        "auth" => {
            let want = format!("Bearer {GOOD_KEY}");
            match authorization.as_deref() {
                Some(a) if a == want => completion(&model, reply, "stop"),
                Some(a) => {
                    // Like some providers, echo the key that was refused.
                    let given = a.trim_start_matches("Bearer ");
                    error_json(
                        StatusCode::UNAUTHORIZED,
                        &format!("Incorrect API key provided: {given}"),
                        "invalid_request_error",
                    )
                }
                None => error_json(
                    StatusCode::UNAUTHORIZED,
                    "You didn't provide an API key.",
                    "invalid_request_error",
                ),
            }
        }
        "forbidden" => error_json(StatusCode::FORBIDDEN, "Key lacks access", "permission"),
        "rate" => {
            let mut r = error_json(
                StatusCode::TOO_MANY_REQUESTS,
                "Rate limit reached for requests",
                "requests",
            );
            r.headers_mut()
                .insert(header::RETRY_AFTER, header::HeaderValue::from_static("7"));
            r
        }
        "boom" => error_json(
            StatusCode::INTERNAL_SERVER_ERROR,
            "The server had an error while processing your request",
            "server_error",
        ),
        "gateway" => (
            StatusCode::BAD_GATEWAY,
            [(header::CONTENT_TYPE, "text/html")],
            "<html><body><h1>502 Bad Gateway</h1></body></html>",
        )
            .into_response(),
        "unknown_model" => error_json(
            StatusCode::NOT_FOUND,
            &format!("model \"{model}\" not found, try pulling it first"),
            "not_found",
        ),
        "badjson" => (
            [(header::CONTENT_TYPE, "application/json")],
            "{\"choices\": [ {\"message\": ",
        )
            .into_response(),
        "nochoices" => (
            [(header::CONTENT_TYPE, "application/json")],
            json!({ "id": "x", "object": "chat.completion", "model": model }).to_string(),
        )
            .into_response(),
        "empty" => completion(&model, "   ", "stop"),
        "length" => completion(&model, reply, "length"),
        "bribe" if stream => sse(pieces(&model, BRIBE_ZH, 9), Duration::from_millis(1)),
        "bribe" => completion(&model, BRIBE_ZH, "stop"),
        "think" if stream => {
            let mut events = vec![chunk(&model, json!({ "role": "assistant" }), None)];
            for p in [
                "<thi",
                "nk>买家说漏水，先道歉",
                "再给方案。</th",
                "ink>\n\n",
                reply,
            ] {
                events.push(chunk(&model, json!({ "content": p }), None));
            }
            events.push(chunk(&model, json!({}), Some("stop")));
            events.push("data: [DONE]\n\n".to_string());
            sse(events, Duration::from_millis(1))
        }
        "think" => completion(
            &model,
            &format!("<think>买家说漏水，先道歉，再给方案。</think>\n\n```\n{reply}\n```"),
            "stop",
        ),
        "nostream" => completion(&model, reply, "stop"),
        "triage" => completion(
            &model,
            &triage_answer("logistics", &["logistics", "quality"], &["物流太慢了"]),
            "stop",
        ),
        "triage_unknown" => completion(
            &model,
            &triage_answer("delivery_speed", &["delivery_speed"], &["物流太慢了"]),
            "stop",
        ),
        "triage_invented" => completion(
            &model,
            &triage_answer("quality", &["quality"], &["屏幕碎了"]),
            "stop",
        ),
        "triage_malicious" => completion(
            &model,
            &triage_answer("malicious", &["malicious"], &[first_clause(&body).as_str()]),
            "stop",
        ),
        "streamerror" => sse(
            vec![
                chunk(&model, json!({ "content": "亲，非常" }), None),
                format!(
                    "data: {}\n\n",
                    json!({ "error": { "message": "model crashed while generating" } })
                ),
            ],
            Duration::from_millis(1),
        ),
        "streamgarbage" => sse(
            vec![
                chunk(&model, json!({ "content": "亲，" }), None),
                "data: {oops\n\n".to_string(),
            ],
            Duration::from_millis(1),
        ),
        "slow" => {
            tokio::time::sleep(SLOW).await;
            completion(&model, reply, "stop")
        }
        "stall" => {
            // Starts streaming, then goes quiet for longer than the client waits.
            let mut events = pieces(&model, reply, 12);
            events.truncate(4);
            let first = events.clone();
            let stream = futures_util::stream::unfold(
                (first.into_iter(), false),
                |(mut it, stalled)| async move {
                    match it.next() {
                        Some(e) => Some((Ok::<Bytes, Infallible>(Bytes::from(e)), (it, stalled))),
                        None if !stalled => {
                            tokio::time::sleep(SLOW).await;
                            Some((
                                Ok(Bytes::from(chunk("m", json!({ "content": "晚了" }), None))),
                                (it, true),
                            ))
                        }
                        None => None,
                    }
                },
            );
            (
                [(header::CONTENT_TYPE, "text/event-stream")],
                Body::from_stream(stream),
            )
                .into_response()
        }
        "runaway" if stream => {
            let long = "抱歉".repeat(6000);
            sse(pieces(&model, &long, 400), Duration::from_millis(0))
        }
        _ => error_json(StatusCode::NOT_FOUND, "no such scenario", "not_found"),
    }
}

async fn models(
    State(shared): State<Shared>,
    Path(scenario): Path<String>,
    headers: HeaderMap,
) -> Response {
    shared.seen.lock().unwrap().push(Recorded {
        path: format!("/{scenario}/v1/models"),
        authorization: headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .map(String::from),
        body: Value::Null,
    });
    match scenario.as_str() {
        "ok" | "auth" => (
            [(header::CONTENT_TYPE, "application/json")],
            json!({
                "object": "list",
                "data": [
                    { "id": "qwen2.5:7b", "object": "model", "owned_by": "library" },
                    { "id": "llama3.1:8b", "object": "model", "owned_by": "library" },
                ],
            })
            .to_string(),
        )
            .into_response(),
        _ => error_json(StatusCode::NOT_FOUND, "not found", "not_found"),
    }
}
