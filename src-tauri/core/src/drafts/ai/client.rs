//! The chat-completions client: one blocking HTTP call per draft, streamed or not, with
//! every failure turned into a stable code the UI can explain.
//!
//! Blocking on purpose: core has no async runtime, the CLI is synchronous, and the shell
//! already runs core work on its blocking pool; one draft is one request, so an async
//! client would add a runtime to manage and nothing to gain. Streaming needs no async
//! either: the response body is read line by line as it arrives.

use super::model::{AiDraft, AiSettings, AiTestResult, ApiKey};
use super::prompt::{AiRequest, Message};
use super::text::{clean_reply, excerpt, SseParser, ThinkFilter};
use crate::drafts::checker::{check_in_context, Context};
use crate::error::{CoreError, Result};
use reqwest::blocking::{Client, Response};
use reqwest::header::{HeaderMap, CONTENT_TYPE, RETRY_AFTER};
use reqwest::{StatusCode, Url};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read};
use std::sync::Once;
use std::time::{Duration, Instant};

/// A whole non-streamed answer larger than this is not a reply.
const MAX_BODY_BYTES: u64 = 2 * 1024 * 1024;
/// A model that keeps going past this is looping; what came so far is kept, marked cut.
const MAX_REPLY_CHARS: usize = 8000;
/// Reasoning included, the most a stream may carry before it is stopped.
const MAX_STREAM_BYTES: usize = 1024 * 1024;
const TEMPERATURE: f64 = 0.7;

/// A resolved endpoint: where to send, which model, how long to wait, which key.
/// `Debug` never shows the key.
#[derive(Debug, Clone)]
pub struct Endpoint {
    base: Url,
    model: String,
    timeout: Duration,
    key: Option<ApiKey>,
    /// The keychain could not be read: a 401 then means "no key available", not "bad key".
    key_unreadable: bool,
}

impl Endpoint {
    /// An endpoint from settings (saved or still in the form) and a key. Refuses when the
    /// URL or model is missing (`ai.not_configured`); `enabled` is not looked at, so the
    /// settings screen can test before turning AI on.
    pub fn new(settings: &AiSettings, key: Option<ApiKey>) -> Result<Endpoint> {
        if settings.base_url.trim().is_empty() || settings.model.trim().is_empty() {
            return Err(CoreError::service(
                "ai.not_configured",
                "AI drafting needs an endpoint URL and a model name (settings → AI assistant)",
            ));
        }
        let base = super::settings::normalize_base_url(&settings.base_url)?;
        let base = Url::parse(&base)
            .map_err(|_| CoreError::validation("validation.url_format", "base_url", "not a URL"))?;
        let secs = settings.timeout_secs.clamp(
            super::model::MIN_TIMEOUT_SECS,
            super::model::MAX_TIMEOUT_SECS,
        );
        Ok(Endpoint {
            base,
            model: settings.model.trim().to_string(),
            timeout: Duration::from_secs(u64::from(secs)),
            key,
            key_unreadable: false,
        })
    }

    /// Overrides the timeout (tests use fractions of a second).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    pub(crate) fn mark_key_unreadable(mut self) -> Self {
        self.key_unreadable = true;
        self
    }

    pub fn model(&self) -> &str {
        &self.model
    }

    pub fn base_url(&self) -> &str {
        self.base.as_str().trim_end_matches('/')
    }

    pub fn has_key(&self) -> bool {
        self.key.is_some()
    }

    fn url(&self, tail: &str) -> String {
        format!("{}/{tail}", self.base_url())
    }

    fn is_loopback(&self) -> bool {
        let Some(host) = self.base.host_str() else {
            return false;
        };
        let host = host.trim_start_matches('[').trim_end_matches(']');
        host.eq_ignore_ascii_case("localhost")
            || host
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback())
    }

    /// Any text shown to the owner or logged passes through here: the key never does.
    fn redact(&self, s: &str) -> String {
        match &self.key {
            Some(k) if !k.expose().is_empty() => s.replace(k.expose(), "***"),
            _ => s.to_string(),
        }
    }
}

fn ensure_tls_provider() {
    static ONCE: Once = Once::new();
    // rustls needs one process-wide crypto provider; ring builds on every desktop
    // target without a system library. Another part of the process may have installed
    // one first, which serves as well.
    ONCE.call_once(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

fn client(ep: &Endpoint) -> Result<Client> {
    ensure_tls_provider();
    let mut b = Client::builder()
        .timeout(ep.timeout)
        .connect_timeout(ep.timeout.min(Duration::from_secs(10)))
        .user_agent(concat!("Haoping/", env!("CARGO_PKG_VERSION")));
    if ep.is_loopback() {
        // A system or environment proxy must not swallow requests to a local server.
        b = b.no_proxy();
    }
    b.build().map_err(|e| {
        CoreError::service(
            "ai.offline",
            format!("cannot set up the HTTP client: {}", root_cause(&e)),
        )
    })
}

/// The innermost cause ("Connection refused (os error 111)"), which says more than
/// reqwest's outer "error sending request".
fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur: &(dyn std::error::Error + 'static) = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}

fn transport_error(ep: &Endpoint, e: &reqwest::Error) -> CoreError {
    let base = ep.base_url();
    let cause = ep.redact(&root_cause(e));
    if e.is_timeout() {
        CoreError::service(
            "ai.timeout",
            format!(
                "{base} did not answer within {} s ({cause})",
                ep.timeout.as_secs_f32()
            ),
        )
    } else if e.is_connect() {
        CoreError::service("ai.offline", format!("cannot reach {base}: {cause}"))
    } else if e.is_decode() || e.is_body() {
        CoreError::service(
            "ai.bad_response",
            format!("{base} sent an unreadable answer: {cause}"),
        )
    } else {
        CoreError::service(
            "ai.offline",
            format!("lost the connection to {base}: {cause}"),
        )
    }
}

/// A read error in the middle of a streamed body.
fn read_error(ep: &Endpoint, e: &std::io::Error) -> CoreError {
    if let Some(re) = e.get_ref().and_then(|i| i.downcast_ref::<reqwest::Error>()) {
        return transport_error(ep, re);
    }
    let base = ep.base_url();
    if e.kind() == std::io::ErrorKind::TimedOut {
        CoreError::service(
            "ai.timeout",
            format!("{base} stopped sending for {} s", ep.timeout.as_secs_f32()),
        )
    } else {
        CoreError::service(
            "ai.offline",
            format!(
                "lost the connection to {base}: {}",
                ep.redact(&e.to_string())
            ),
        )
    }
}

/// What a server says went wrong, in the shapes OpenAI, Ollama, llama.cpp, vLLM and
/// proxies use.
fn server_message(body: &str) -> String {
    if let Ok(v) = serde_json::from_str::<Value>(body) {
        let found = v
            .pointer("/error/message")
            .or_else(|| v.get("error").filter(|e| e.is_string()))
            .or_else(|| v.get("message"))
            .or_else(|| v.get("detail"))
            .and_then(Value::as_str);
        if let Some(m) = found {
            return excerpt(m, 300);
        }
    }
    let t = body.trim_start();
    if t.starts_with('<') {
        // An HTML error page from a proxy: its markup helps nobody.
        String::new()
    } else {
        excerpt(t, 300)
    }
}

fn retry_after(headers: &HeaderMap) -> Option<u64> {
    headers.get(RETRY_AFTER)?.to_str().ok()?.trim().parse().ok()
}

fn status_error(ep: &Endpoint, resp: Response) -> CoreError {
    let status = resp.status();
    let wait = retry_after(resp.headers());
    let mut body = String::new();
    // The body only explains the status; a failure to read it changes nothing.
    let _ = resp.take(64 * 1024).read_to_string(&mut body);
    let said = ep.redact(&server_message(&body));
    let base = ep.base_url();
    let with = |what: String| {
        if said.is_empty() {
            what
        } else {
            format!("{what}: {said}")
        }
    };
    match status {
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN if ep.key_unreadable => CoreError::service(
            "ai.keychain_unavailable",
            with(format!(
                "{base} wants an API key, and the system keychain that holds it cannot be read ({status})"
            )),
        ),
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN if ep.key.is_none() => {
            CoreError::service(
                "ai.bad_key",
                with(format!("{base} wants an API key and none is set ({status})")),
            )
        }
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => CoreError::service(
            "ai.bad_key",
            with(format!("{base} refused the API key ({status})")),
        ),
        StatusCode::TOO_MANY_REQUESTS => CoreError::service(
            "ai.rate_limited",
            with(match wait {
                Some(s) => format!("{base} is rate limiting requests; retry after {s} s"),
                None => format!("{base} is rate limiting requests"),
            }),
        ),
        s if s.is_server_error() => CoreError::service(
            "ai.server_error",
            with(format!("{base} failed ({status})")),
        ),
        _ => CoreError::service(
            "ai.rejected",
            with(format!("{base} refused the request ({status})")),
        ),
    }
}

fn bad_response(ep: &Endpoint, what: &str) -> CoreError {
    CoreError::service("ai.bad_response", format!("{} sent {what}", ep.base_url()))
}

fn post_chat(
    ep: &Endpoint,
    messages: &[Message],
    stream: bool,
    temperature: f64,
) -> Result<Response> {
    let body = json!({
        "model": ep.model,
        "messages": messages,
        "stream": stream,
        "temperature": temperature,
    });
    let mut req = client(ep)?
        .post(ep.url("chat/completions"))
        .header(CONTENT_TYPE, "application/json")
        .body(serde_json::to_vec(&body)?);
    if let Some(k) = &ep.key {
        req = req.bearer_auth(k.expose());
    }
    let resp = req.send().map_err(|e| transport_error(ep, &e))?;
    if !resp.status().is_success() {
        return Err(status_error(ep, resp));
    }
    Ok(resp)
}

/// The text of a message's `content`: a string, or the parts some servers send.
fn content_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Array(parts) => Some(
            parts
                .iter()
                .filter_map(|p| p.get("text").and_then(Value::as_str))
                .collect(),
        ),
        _ => None,
    }
}

/// A whole (non-streamed) answer: (model, text, finish reason).
struct Answer {
    model: Option<String>,
    text: String,
    finish_reason: Option<String>,
}

fn parse_completion(ep: &Endpoint, body: &str) -> Result<Answer> {
    let v: Value =
        serde_json::from_str(body).map_err(|_| bad_response(ep, "an answer that is not JSON"))?;
    if let Some(err) = v.get("error") {
        let m = err
            .get("message")
            .and_then(Value::as_str)
            .or_else(|| err.as_str())
            .unwrap_or("");
        return Err(CoreError::service(
            "ai.server_error",
            format!("{} failed: {}", ep.base_url(), ep.redact(&excerpt(m, 300))),
        ));
    }
    let choice = v
        .pointer("/choices/0")
        .ok_or_else(|| bad_response(ep, "an answer without choices"))?;
    let text = choice
        .pointer("/message/content")
        .and_then(content_text)
        .or_else(|| choice.get("text").and_then(Value::as_str).map(String::from))
        .ok_or_else(|| bad_response(ep, "an answer without message content"))?;
    Ok(Answer {
        model: v.get("model").and_then(Value::as_str).map(String::from),
        text,
        finish_reason: choice
            .get("finish_reason")
            .and_then(Value::as_str)
            .map(String::from),
    })
}

fn read_body(ep: &Endpoint, resp: Response) -> Result<String> {
    let mut buf = Vec::new();
    resp.take(MAX_BODY_BYTES + 1)
        .read_to_end(&mut buf)
        .map_err(|e| read_error(ep, &e))?;
    if buf.len() as u64 > MAX_BODY_BYTES {
        return Err(bad_response(ep, "an answer far too large for a reply"));
    }
    Ok(String::from_utf8_lossy(&buf).into_owned())
}

fn finish(
    ep: &Endpoint,
    req: &AiRequest,
    answer: Answer,
    cut: bool,
    started: Instant,
) -> Result<AiDraft> {
    let text = clean_reply(&answer.text);
    if text.is_empty() {
        return Err(bad_response(ep, "an empty reply"));
    }
    let ctx = Context {
        buyer_nick: req.buyer_nick.as_deref(),
        order_id: req.order_id.as_deref(),
        phone: req.phone.as_deref(),
    };
    let findings = check_in_context(&text, req.platform, req.channel, req.lang, &ctx);
    Ok(AiDraft {
        channel: req.channel,
        lang: req.lang,
        model: answer
            .model
            .filter(|m| !m.trim().is_empty())
            .unwrap_or_else(|| ep.model.clone()),
        chars: text.chars().count() as u32,
        cap: req.cap,
        findings,
        text,
        truncated: cut || answer.finish_reason.as_deref() == Some("length"),
        elapsed_ms: u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX),
    })
}

/// Asks the model for the draft and waits for the whole answer.
pub fn complete(ep: &Endpoint, req: &AiRequest) -> Result<AiDraft> {
    let started = Instant::now();
    let resp = post_chat(ep, &req.messages, false, TEMPERATURE)?;
    let body = read_body(ep, resp)?;
    let answer = parse_completion(ep, &body)?;
    finish(ep, req, answer, false, started)
}

fn is_event_stream(resp: &Response) -> bool {
    resp.headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().contains("text/event-stream"))
}

/// Asks the model for the draft and hands each new piece of visible text to `on_delta`
/// as it arrives (reasoning is held back). `on_delta` returns `false` to stop: the call
/// then ends with `ai.cancelled`. The returned draft is the cleaned, checked whole.
pub fn complete_streaming(
    ep: &Endpoint,
    req: &AiRequest,
    on_delta: &mut dyn FnMut(&str) -> bool,
) -> Result<AiDraft> {
    let started = Instant::now();
    let resp = post_chat(ep, &req.messages, true, TEMPERATURE)?;
    if !is_event_stream(&resp) {
        // Some servers ignore `stream` and answer in one piece.
        let body = read_body(ep, resp)?;
        let answer = parse_completion(ep, &body)?;
        let mut f = ThinkFilter::default();
        let mut visible = f.push(&answer.text);
        visible.push_str(&f.finish());
        if !visible.is_empty() && !on_delta(&visible) {
            return Err(cancelled());
        }
        return finish(ep, req, answer, false, started);
    }
    let mut reader = BufReader::new(resp);
    let mut parser = SseParser::default();
    let mut think = ThinkFilter::default();
    let mut raw = String::new();
    let mut visible_chars = 0usize;
    let mut model: Option<String> = None;
    let mut finish_reason: Option<String> = None;
    let mut received = 0usize;
    let mut cut = false;
    let mut line = Vec::new();
    let mut done = false;
    while !done {
        line.clear();
        let n = reader
            .read_until(b'\n', &mut line)
            .map_err(|e| read_error(ep, &e))?;
        let event = if n == 0 {
            done = true;
            parser.flush()
        } else {
            received += n;
            let text = String::from_utf8_lossy(&line);
            parser.line(text.trim_end_matches('\n'))
        };
        let Some(data) = event else { continue };
        if data.trim() == "[DONE]" {
            break;
        }
        let v: Value = serde_json::from_str(&data)
            .map_err(|_| bad_response(ep, "a streamed piece that is not JSON"))?;
        if let Some(err) = v.get("error") {
            let m = err
                .get("message")
                .and_then(Value::as_str)
                .or_else(|| err.as_str())
                .unwrap_or("");
            return Err(CoreError::service(
                "ai.server_error",
                format!(
                    "{} failed while writing: {}",
                    ep.base_url(),
                    ep.redact(&excerpt(m, 300))
                ),
            ));
        }
        if model.is_none() {
            model = v.get("model").and_then(Value::as_str).map(String::from);
        }
        let Some(choice) = v.pointer("/choices/0") else {
            continue; // e.g. a usage-only piece
        };
        if let Some(r) = choice.get("finish_reason").and_then(Value::as_str) {
            finish_reason = Some(r.to_string());
        }
        let piece = choice
            .pointer("/delta/content")
            .and_then(content_text)
            .unwrap_or_default();
        if piece.is_empty() {
            continue;
        }
        raw.push_str(&piece);
        let shown = think.push(&piece);
        if !shown.is_empty() {
            visible_chars += shown.chars().count();
            if !on_delta(&shown) {
                return Err(cancelled());
            }
        }
        if visible_chars > MAX_REPLY_CHARS || received > MAX_STREAM_BYTES {
            cut = true;
            break;
        }
    }
    let tail = think.finish();
    if !tail.is_empty() && !on_delta(&tail) {
        return Err(cancelled());
    }
    let answer = Answer {
        model,
        text: raw,
        finish_reason,
    };
    finish(ep, req, answer, cut, started)
}

fn cancelled() -> CoreError {
    CoreError::service("ai.cancelled", "stopped by the owner")
}

/// Lists the models the server offers (`GET /models`); servers that do not list models
/// answer with an error.
pub fn list_models(ep: &Endpoint) -> Result<Vec<String>> {
    let mut req = client(ep)?.get(ep.url("models"));
    if let Some(k) = &ep.key {
        req = req.bearer_auth(k.expose());
    }
    let resp = req.send().map_err(|e| transport_error(ep, &e))?;
    if !resp.status().is_success() {
        return Err(status_error(ep, resp));
    }
    let body = read_body(ep, resp)?;
    let v: Value = serde_json::from_str(&body)
        .map_err(|_| bad_response(ep, "a model list that is not JSON"))?;
    let list = v
        .get("data")
        .or_else(|| v.get("models"))
        .and_then(Value::as_array)
        .ok_or_else(|| bad_response(ep, "a model list without data"))?;
    let mut names: Vec<String> = list
        .iter()
        .filter_map(|m| {
            m.get("id")
                .or_else(|| m.get("name"))
                .and_then(Value::as_str)
                .map(String::from)
        })
        .collect();
    names.sort();
    names.dedup();
    names.truncate(200);
    Ok(names)
}

/// Asks for one answer that the caller reads itself (triage), at temperature 0 so the same
/// question gets the same answer; returns the model's name and the answer without any
/// reasoning or code fence.
pub(crate) fn ask(ep: &Endpoint, messages: &[Message]) -> Result<(String, String)> {
    let resp = post_chat(ep, messages, false, 0.0)?;
    let body = read_body(ep, resp)?;
    let answer = parse_completion(ep, &body)?;
    let text = clean_reply(&answer.text);
    if text.is_empty() {
        return Err(bad_response(ep, "an empty reply"));
    }
    let model = answer
        .model
        .filter(|m| !m.trim().is_empty())
        .unwrap_or_else(|| ep.model.clone());
    Ok((model, text))
}

/// Sends a one-line request with the configured model: proves the URL, the key and the
/// model in one go. The model list is added when the server gives one.
pub fn test_connection(ep: &Endpoint) -> Result<AiTestResult> {
    let started = Instant::now();
    let messages = [Message {
        role: "user",
        content: "Reply with the single word OK.".to_string(),
    }];
    let resp = post_chat(ep, &messages, false, TEMPERATURE)?;
    let body = read_body(ep, resp)?;
    let answer = parse_completion(ep, &body)?;
    let latency_ms = u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX);
    Ok(AiTestResult {
        model: answer
            .model
            .filter(|m| !m.trim().is_empty())
            .unwrap_or_else(|| ep.model.clone()),
        latency_ms,
        reply: excerpt(&clean_reply(&answer.text), 80),
        models: list_models(ep).unwrap_or_default(),
    })
}
