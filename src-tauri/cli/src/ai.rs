//! ai-draft, ai-config, ai-triage: AI drafting and a second opinion on a case's causes
//! from the command line, over the same settings and keychain entry as the app.

use crate::{output, Ctx};
use clap::Args;
use haoping_core::drafts::ai::{
    self, AiDraft, AiSettings, AiStatus, ApiKey, KeyUpdate, OsKeychain, SecretStore,
};
use haoping_core::drafts::Channel;
use haoping_core::triage;
use haoping_core::CoreError;
use haoping_core::Lang;
use std::io::Read;
use std::process::ExitCode;

/// Overrides the keychain for this run (machines without one, scripts).
const KEY_ENV: &str = "HAOPING_AI_KEY";

#[derive(Args)]
pub struct AiDraftArgs {
    /// Case id.
    id: i64,
    /// public, private or phone.
    #[arg(long, default_value = "public")]
    channel: String,
    /// zh or en (default: the review's language).
    #[arg(long)]
    lang: Option<String>,
    /// Wait for the whole answer instead of printing it as it is written.
    #[arg(long)]
    no_stream: bool,
}

#[derive(Args)]
pub struct AiTriageArgs {
    /// Case id: the endpoint labels the stored case, its current labels are the local ones.
    #[arg(required_unless_present = "text", conflicts_with = "text")]
    id: Option<i64>,
    /// A review text instead of a case: labelled locally, then by the endpoint.
    #[arg(long)]
    text: Option<String>,
    /// Product name, with --text.
    #[arg(long, default_value = "")]
    product: String,
}

#[derive(Args)]
pub struct AiConfigArgs {
    /// The API root, e.g. http://localhost:11434/v1 (Ollama), http://127.0.0.1:8080/v1
    /// (llama.cpp server), https://api.openai.com/v1.
    #[arg(long)]
    base_url: Option<String>,
    /// The model name as the server knows it, e.g. qwen2.5:7b.
    #[arg(long)]
    model: Option<String>,
    /// Seconds to wait for the server (5–600).
    #[arg(long)]
    timeout: Option<u32>,
    /// Read the API key from standard input and store it in the system keychain.
    #[arg(long, conflicts_with = "clear_key")]
    key_stdin: bool,
    /// Remove the stored API key.
    #[arg(long)]
    clear_key: bool,
    /// Turn AI drafting on (the default when --base-url or --model is given).
    #[arg(long, conflicts_with = "disable")]
    enable: bool,
    /// Turn AI drafting off; the settings are kept.
    #[arg(long)]
    disable: bool,
    /// Send a one-line request to check the endpoint, key and model.
    #[arg(long)]
    test: bool,
}

fn parse_channel(s: &str) -> Result<Channel, CoreError> {
    Channel::parse(&s.trim().to_lowercase()).ok_or_else(|| {
        CoreError::validation(
            "validation.unknown_value",
            "channel",
            format!("unknown channel '{s}' (public, private, phone)"),
        )
    })
}

fn parse_lang(s: &str) -> Result<Lang, CoreError> {
    Lang::parse_arg("lang", s)
}

/// The keychain, unless the environment carries a key for this run.
struct CliKeys {
    os: OsKeychain,
    env: Option<ApiKey>,
}

impl SecretStore for CliKeys {
    fn get(&self) -> Result<Option<ApiKey>, CoreError> {
        match &self.env {
            Some(k) => Ok(Some(k.clone())),
            None => self.os.get(),
        }
    }
    fn set(&self, key: &ApiKey) -> Result<(), CoreError> {
        self.os.set(key)
    }
    fn clear(&self) -> Result<(), CoreError> {
        self.os.clear()
    }
}

fn keys(dev: bool) -> CliKeys {
    CliKeys {
        os: OsKeychain::new(dev),
        env: std::env::var(KEY_ENV)
            .ok()
            .map(|k| k.trim().to_string())
            .filter(|k| !k.is_empty())
            .map(ApiKey::new),
    }
}

fn print_draft_footer(d: &AiDraft) {
    let cap = d.cap.map(|c| format!("/{c}")).unwrap_or_default();
    say!(
        "\n── {} chars{cap} · {} · {:.1} s{}",
        d.chars,
        d.model,
        f64::from(d.elapsed_ms) / 1000.0,
        if d.truncated {
            " · cut off by the server's length limit"
        } else {
            ""
        }
    );
    let zh = d.lang == Lang::Zh;
    for f in &d.findings {
        let msg = if zh { &f.message_zh } else { &f.message_en };
        let at = if f.excerpt.is_empty() {
            String::new()
        } else {
            format!(" «{}»", f.excerpt)
        };
        say!(
            "  {:<8} {}{at}\n           {msg}",
            f.severity.as_str(),
            f.code
        );
    }
}

pub fn draft(ctx: &Ctx, dev: bool, a: AiDraftArgs) -> Result<ExitCode, CoreError> {
    let conn = ctx.open()?;
    let channel = parse_channel(&a.channel)?;
    let lang = a.lang.as_deref().map(parse_lang).transpose()?;
    let store = keys(dev);
    if ctx.json || a.no_stream {
        let d = ai::draft(&conn, &store, a.id, channel, lang, None)?;
        if ctx.json {
            output::json(&d)?;
        } else {
            say!("{}", d.text);
            print_draft_footer(&d);
        }
        return Ok(ExitCode::SUCCESS);
    }
    let ep = ai::endpoint(&conn, &store)?;
    let req = ai::prepare(&conn, a.id, channel, lang)?;
    // The database is not needed while the model writes.
    drop(conn);
    say!("── AI {} ({}) · {}", channel, req.lang, ep.model());
    let d = ai::complete_streaming(&ep, &req, &mut |piece| {
        // Shown as it arrives; a closed pipe (`| head`) ends the program quietly.
        say_part!("{piece}");
        output::flush();
        true
    })?;
    say!();
    print_draft_footer(&d);
    Ok(ExitCode::SUCCESS)
}

/// Asks the configured endpoint for a case's (or a text's) causes; prints the labels it
/// gives, or the local ones kept and why. Nothing is stored.
pub fn triage(ctx: &Ctx, dev: bool, a: AiTriageArgs) -> Result<ExitCode, CoreError> {
    let conn = ctx.open()?;
    let store = keys(dev);
    let ep = ai::endpoint(&conn, &store)?;
    let req = match (a.id, &a.text) {
        (Some(id), _) => ai::prepare_triage(&conn, id)?,
        (None, Some(text)) => ai::request_for_text(
            &triage::TriageInput {
                text,
                product: &a.product,
                ..Default::default()
            },
            &triage::load_rules(&conn)?,
        ),
        (None, None) => {
            return Err(CoreError::validation(
                "validation.required",
                "text",
                "give a case id or --text",
            ))
        }
    };
    // The database is not needed while the model reads.
    drop(conn);
    let out = ai::ask_triage(&ep, &req);
    if ctx.json {
        output::json(&out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let t = &out.triage;
    let causes: Vec<&str> = t.causes.iter().map(|c| c.as_str()).collect();
    match &out.problem {
        None => println!(
            "AI ({}): {} [{}]{}",
            out.model,
            t.primary,
            causes.join(","),
            if out.agrees {
                ", same primary as the local labels"
            } else {
                ""
            }
        ),
        Some(p) => println!(
            "local labels kept: {} [{}] — {} ({})",
            t.primary,
            causes.join(","),
            p.message,
            p.code
        ),
    }
    for r in &t.reasons {
        println!("  {r}");
    }
    Ok(ExitCode::SUCCESS)
}

fn print_status(ctx: &Ctx, st: &AiStatus) -> Result<(), CoreError> {
    if ctx.json {
        return output::json(st);
    }
    let s = &st.settings;
    let or_none = |v: &str| {
        if v.is_empty() {
            "(not set)".to_string()
        } else {
            v.to_string()
        }
    };
    say!("enabled   {}", if s.enabled { "yes" } else { "no" });
    say!("base url  {}", or_none(&s.base_url));
    say!("model     {}", or_none(&s.model));
    say!("timeout   {} s", s.timeout_secs);
    say!(
        "api key   {}",
        match (st.keychain_available, st.has_key) {
            (false, _) => "system keychain unavailable (local servers need no key)",
            (true, true) => "stored in the system keychain",
            (true, false) => "none",
        }
    );
    say!("ready     {}", if st.ready { "yes" } else { "no" });
    Ok(())
}

pub fn config(ctx: &Ctx, dev: bool, a: AiConfigArgs) -> Result<ExitCode, CoreError> {
    let conn = ctx.open_or_create()?;
    let store = keys(dev);
    let mut s: AiSettings = ai::load_settings(&conn)?;
    let changing = a.base_url.is_some() || a.model.is_some();
    if let Some(u) = &a.base_url {
        s.base_url = u.clone();
    }
    if let Some(m) = &a.model {
        s.model = m.clone();
    }
    if let Some(t) = a.timeout {
        s.timeout_secs = t;
    }
    if a.enable || (changing && !a.disable) {
        s.enabled = true;
    }
    if a.disable {
        s.enabled = false;
    }
    let key = if a.key_stdin {
        let mut k = String::new();
        std::io::stdin().read_to_string(&mut k)?;
        KeyUpdate::Set(ApiKey::new(k))
    } else if a.clear_key {
        KeyUpdate::Clear
    } else {
        KeyUpdate::Keep
    };
    let edits = changing || a.timeout.is_some() || a.enable || a.disable;
    let st = if edits || key != KeyUpdate::Keep {
        // The keychain entry is the app's; an environment key is only for this run.
        ai::save_settings(&conn, &store.os, &s, &key)?
    } else {
        ai::status(&conn, &store.os)?
    };
    if !a.test {
        print_status(ctx, &st)?;
        return Ok(ExitCode::SUCCESS);
    }
    let ep = ai::resolve_endpoint(&st.settings, &store, &KeyUpdate::Keep)?;
    drop(conn);
    let r = ai::test_connection(&ep)?;
    if ctx.json {
        output::json(&serde_json::json!({ "status": st, "test": r }))?;
    } else {
        print_status(ctx, &st)?;
        say!(
            "test      ok: {} answered in {} ms: «{}»",
            r.model,
            r.latency_ms,
            r.reply
        );
        if !r.models.is_empty() {
            say!("models    {}", r.models.join(", "));
        }
    }
    Ok(ExitCode::SUCCESS)
}
