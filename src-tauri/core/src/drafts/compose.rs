//! Drafting: pick a template from the pool (rotating), fill it with the case's facts,
//! make it fit the platform, and check it.

use super::checker::{check_in_context, without_ask_sentences, Context};
use super::facts::{item_for, vars_with_problem};
use super::library::{brief, change_line};
use super::model::{Channel, Draft, Finding, Lang, ProblemNote};
use super::platform::channel_cap;
use super::platform::is_food;
use super::problems::{name_problem, Naming};
use super::rotation::{self, text_hash, LastUsed};
use super::store::{self, get_prefs, PoolEntry};
use super::template::{parse, to_error, Template};
use super::vars::Vars;
use crate::cases::{self, Case};
use crate::error::Result;
use crate::problems::{self, Catalogue};
use crate::remedies::{self, OfferedRemedy};
use crate::settings::{self, Settings};
use rusqlite::Connection;

use super::model::DraftPrefs;

/// What drafting needs to know about a case, loaded once for all three channels.
pub(crate) struct Loaded<'a> {
    pub case: Case,
    pub settings: Settings,
    pub prefs: DraftPrefs,
    pub offered: Option<OfferedRemedy>,
    pub phone: Option<String>,
    /// Where the names of problems come from (the shipped catalogue, or a variant of it
    /// when the drafts are measured).
    pub catalogue: &'a Catalogue,
}

fn load(conn: &Connection, case_id: i64) -> Result<Loaded<'static>> {
    let case = cases::get(conn, case_id)?;
    let phone: Option<String> = conn
        .prepare_cached("SELECT buyer_phone FROM cases WHERE id = ?1")?
        .query_row([case_id], |r| r.get(0))?;
    Ok(Loaded {
        settings: settings::load(conn)?,
        prefs: get_prefs(conn)?,
        offered: remedies::offered_remedy(conn, case_id)?,
        phone,
        case,
        catalogue: problems::shipped(),
    })
}

/// The problem the case's drafts name in `lang`.
pub(crate) fn naming(l: &Loaded, lang: Lang) -> Naming {
    name_problem(
        l.catalogue,
        &l.case.review_text,
        l.case.follow_up_text.as_deref(),
        l.case.primary_cause,
        lang,
        &item_for(&l.case, lang),
    )
}

fn named(l: &Loaded, lang: Lang) -> ProblemNote {
    naming(l, lang).note
}

/// The name rotation is kept under: the case's shop, or the owner's default shop.
fn rotation_shop(l: &Loaded) -> String {
    l.settings.shop_or_default(&l.case.shop)
}

fn lang_for(case: &Case, lang: Option<Lang>) -> Lang {
    lang.unwrap_or(case.lang)
}

/// Makes a public reply that is over its platform's limit shorter without losing any
/// required part: first the sign-off goes, then sentences that only ask for details
/// (in public those are asked in private anyway).
fn shorten(text: &str, signoff: &str) -> String {
    let mut t = text.trim_end().to_string();
    if !signoff.is_empty() && t.ends_with(signoff) {
        t.truncate(t.len() - signoff.len());
        t = t
            .trim_end()
            .trim_end_matches(['—', '-'])
            .trim_end()
            .to_string();
    }
    without_ask_sentences(&t)
}

/// Fills a template and tidies the result.
fn render(t: &Template, vars: &Vars) -> String {
    let text = t.render(&|n| vars.get(n), &|n| vars.default_for(n));
    without_seams(text.trim(), &vars.problem, &vars.product)
}

/// A problem in the buyer's words may already name the item ("your kettle not heating
/// up"); the template's own "with your kettle" after it would say it twice.
pub(crate) fn without_seams(text: &str, problem: &str, product: &str) -> String {
    if product.is_empty() || !problem.contains(&format!("your {product}")) {
        return text.to_string();
    }
    let twice = format!("{problem} with your {product}");
    text.replace(&twice, problem)
}

#[allow(clippy::too_many_arguments)]
fn finish(
    l: &Loaded,
    channel: Channel,
    lang: Lang,
    variant: u32,
    variants: u32,
    key: String,
    text: String,
    problem: &ProblemNote,
) -> Draft {
    let ctx = Context {
        buyer_nick: l.case.buyer_nick.as_deref(),
        order_id: l.case.order_id.as_deref(),
        phone: l.phone.as_deref(),
    };
    let findings = check_in_context(&text, l.case.platform, channel, lang, &ctx);
    Draft {
        channel,
        lang,
        variant,
        variants,
        template_key: key,
        chars: text.chars().count() as u32,
        cap: channel_cap(l.case.platform, channel),
        findings,
        text,
        problem: problem.clone(),
    }
}

fn draft_one(
    conn: &Connection,
    l: &Loaded,
    channel: Channel,
    lang: Lang,
    seed: Option<u32>,
) -> Result<Draft> {
    let pool: Vec<PoolEntry> = store::pool(conn, l.case.primary_cause, channel, lang)?;
    let last: Option<LastUsed> = rotation::last(conn, &rotation_shop(l), channel)?;
    let problem = named(l, lang);
    Ok(compose(
        l,
        &pool,
        last.as_ref(),
        &problem,
        channel,
        lang,
        seed,
    ))
}

/// One channel's draft from a pool of templates, after the shop's last copied reply
/// (`last`): the first variant from the rotation's start that fits the platform.
pub(crate) fn compose(
    l: &Loaded,
    pool: &[PoolEntry],
    last: Option<&LastUsed>,
    problem: &ProblemNote,
    channel: Channel,
    lang: Lang,
    seed: Option<u32>,
) -> Draft {
    let n = pool.len() as u32;
    let start = rotation::start(seed, last, l.case.id, n);
    let cap = channel_cap(l.case.platform, channel);
    let mut vars = vars_with_problem(
        &l.case,
        &l.settings,
        &l.prefs,
        l.offered.as_ref(),
        problem,
        channel,
        lang,
        start,
    );
    // (variant, text) of the shortest candidate, used only if nothing fits the cap.
    let mut shortest: Option<(u32, String)> = None;
    for step in 0..n {
        let v = (start + step) % n;
        let Some(entry) = pool.get(v as usize) else {
            continue;
        };
        vars.change = change_line(l.case.primary_cause, lang, v).to_string();
        vars.followup = super::facts::followup(lang, v).to_string();
        let mut text = render(&entry.template, &vars);
        if cap.is_some_and(|c| text.chars().count() as u32 > c) {
            text = shorten(&text, &vars.signoff);
        }
        // The reply just posted for this shop is never offered again word for word.
        if last.is_some_and(|x| x.hash == text_hash(&text)) && n > 1 {
            continue;
        }
        let chars = text.chars().count() as u32;
        if cap.is_some_and(|c| chars > c) {
            if shortest
                .as_ref()
                .is_none_or(|(_, s)| s.chars().count() as u32 > chars)
            {
                shortest = Some((v, text));
            }
            continue;
        }
        return finish(l, channel, lang, v, n, entry.key.clone(), text, problem);
    }
    // Nothing fits: the brief reply, with a short remedy when the case has none yet.
    if let Some(c) = cap {
        let mut brief_vars = vars.clone();
        if l.offered.is_none() {
            brief_vars.remedy =
                brief::remedy(l.case.primary_cause, is_food(l.case.platform), lang).to_string();
        }
        for step in 0..brief::BRIEF_VARIANTS {
            let b = (start + step) % brief::BRIEF_VARIANTS;
            let Ok(t) = parse(&brief::body(l.case.primary_cause, lang, b)) else {
                continue;
            };
            let text = render(&t, &brief_vars);
            if last.is_some_and(|x| x.hash == text_hash(&text)) {
                continue;
            }
            if text.chars().count() as u32 <= c {
                let key = format!("brief.{}.{}.{}", l.case.primary_cause, lang, b + 1);
                return finish(l, channel, lang, start, n, key, text, problem);
            }
        }
    }
    // Still nothing fits (a very long product name in an owner's template): hand back
    // the shortest; the checker marks it over the cap so the owner trims it.
    let (v, text) = match shortest {
        Some(s) => s,
        None => {
            let v = start;
            let text = pool
                .get(v as usize)
                .map(|e| render(&e.template, &vars))
                .unwrap_or_default();
            (v, text)
        }
    };
    let key = pool
        .get(v as usize)
        .map(|e| e.key.clone())
        .unwrap_or_default();
    finish(l, channel, lang, v, n, key, text, problem)
}

/// The three drafts (public reply, private message, phone script) for a case.
/// `lang` overrides the case's language; `variant_seed` picks a variant ("another
/// version" passes the shown `variant + 1`), `None` rotates after the shop's last copied
/// reply. Reading drafts changes nothing; copying (`record_copy`) advances the rotation.
pub fn drafts_for_case(
    conn: &Connection,
    case_id: i64,
    lang: Option<Lang>,
    variant_seed: Option<u32>,
) -> Result<Vec<Draft>> {
    let l = load(conn, case_id)?;
    let lang = lang_for(&l.case, lang);
    Channel::ALL
        .iter()
        .map(|&ch| draft_one(conn, &l, ch, lang, variant_seed))
        .collect()
}

/// One channel's draft, for the "another version" button on a single card.
pub fn draft_for_channel(
    conn: &Connection,
    case_id: i64,
    channel: Channel,
    lang: Option<Lang>,
    variant_seed: Option<u32>,
) -> Result<Draft> {
    let l = load(conn, case_id)?;
    let lang = lang_for(&l.case, lang);
    draft_one(conn, &l, channel, lang, variant_seed)
}

/// Renders a template body the owner is editing against a real case, checked like any
/// draft. An invalid body is refused with the first problem named.
pub fn preview_template(
    conn: &Connection,
    case_id: i64,
    channel: Channel,
    lang: Lang,
    body: &str,
) -> Result<Draft> {
    let t = parse(body).map_err(|p| to_error(&p))?;
    let l = load(conn, case_id)?;
    let problem = named(&l, lang);
    let vars = vars_with_problem(
        &l.case,
        &l.settings,
        &l.prefs,
        l.offered.as_ref(),
        &problem,
        channel,
        lang,
        0,
    );
    let text = render(&t, &vars);
    Ok(finish(
        &l,
        channel,
        lang,
        0,
        1,
        "preview".into(),
        text,
        &problem,
    ))
}

/// The live checker for what the owner types on a case: the same rules as `check`, plus
/// the case's own facts (buyer nickname, order number, phone) that must not be published,
/// so an edited draft is judged exactly like the generated one.
pub fn check_for_case(
    conn: &Connection,
    case_id: i64,
    text: &str,
    channel: Channel,
    lang: Lang,
) -> Result<Vec<Finding>> {
    let case = cases::get(conn, case_id)?;
    let phone: Option<String> = conn
        .prepare_cached("SELECT buyer_phone FROM cases WHERE id = ?1")?
        .query_row([case_id], |r| r.get(0))?;
    let ctx = Context {
        buyer_nick: case.buyer_nick.as_deref(),
        order_id: case.order_id.as_deref(),
        phone: phone.as_deref(),
    };
    Ok(check_in_context(text, case.platform, channel, lang, &ctx))
}
