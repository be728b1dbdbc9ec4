//! The built-in lexicon: words and phrases with the role each plays, compiled once into
//! one Aho–Corasick automaton so a review is scanned in a single pass.
//!
//! Entries are written in simplified Chinese and lower-case English and go through the
//! same normalization as reviews, so the two always agree. An English entry ending in
//! `*` matches as a word prefix (`disconnect*` also finds "disconnects"); other English
//! entries must stand as whole words.

mod en;
mod zh;

use super::normalize::normalize;
use crate::cases::Cause;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Product families, to notice a review that talks about something the shop did not sell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Category {
    Apparel,
    Electronics,
    Appliance,
    Food,
    Beauty,
    Books,
}

impl Category {
    pub(super) fn zh(self) -> &'static str {
        match self {
            Category::Apparel => "服饰",
            Category::Electronics => "数码",
            Category::Appliance => "家电",
            Category::Food => "食品",
            Category::Beauty => "美妆洗护",
            Category::Books => "图书",
        }
    }

    pub(super) fn en(self) -> &'static str {
        match self {
            Category::Apparel => "clothing",
            Category::Electronics => "electronics",
            Category::Appliance => "appliances",
            Category::Food => "food",
            Category::Beauty => "beauty care",
            Category::Books => "books",
        }
    }
}

/// What a matched word means. One word may play several roles (快递员 is both a
/// logistics topic and a mention of the courier).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Role {
    /// A complaint about this cause on its own (`发错`, `runs small`); weight in tenths.
    Cue(Cause, u8),
    /// A topic of this cause (`物流`, `quality`): counts only when the words around it
    /// are negative.
    Aspect(Cause, u8),
    /// A negative word that, when it qualifies no topic, still says which cause is meant
    /// (`太慢` alone is about delivery; `屏幕太小` is about the screen).
    NegDefault(Cause, u8),
    Neg,
    Pos,
    Negator,
    /// Starts the clause that carries the point (`但是`, `就是`, `but`).
    Contrast,
    /// Stresses what follows in its clause (`居然`, `竟然`, `even`).
    Emphasis,
    /// Speaks to or about the shop (`你们`, `卖家`, `seller`): an insult aimed at the shop.
    Addressee,
    /// A sign of a restaurant visit rather than a delivery (`上菜`, `服务员`, `waiter`).
    DineIn,
    /// Swallows a longer word so that its parts are not read (`差不多`, `好像`).
    Neutral,
    Safety,
    Escalation,
    Refund,
    Return,
    Exchange,
    /// The buyer says they will not return or exchange after all.
    Declines,
    Staff,
    Courier,
    /// Installation or repair on the spot (`安装`, `材料费`, `installer`): a fee or a price
    /// complaint in its clause is about the after-sales service, not the goods' price.
    Installer,
    /// A free gift (`赠品`, `送的`): a poor gift in its clause is a price complaint (a missing
    /// one stays a shipping error, by its own words).
    Gift,
    /// An explicit extortion phrase (`不给钱就差评`).
    Extortion,
    /// Asks to change or remove the review.
    ReviewChange,
    /// Asks for money or goods.
    Demand,
    /// Something the buyer already got, or the shop offered for a good review (`平台补偿了`,
    /// `让我改好评`): cancels the demands and review changes of its clause.
    Received,
    /// A benefit the platform or its insurance gave the buyer (`运费险`, `平台赔付`, `A-to-Z
    /// claim`): a sum in the review is then most likely what the platform paid, not what
    /// the buyer asks of the shop (see the engine).
    PlatformBenefit,
    /// Threatens more bad reviews (`一直差评`, `keep leaving bad reviews`).
    Threat,
    Insult,
    NeverBought,
    Competitor,
    Misattributed,
    RepeatBuyer,
    Category(Category),
}

/// One language's word lists, grouped by role. Each list is one string of entries
/// separated by `|` (line breaks inside the string literals are continuations).
pub(super) struct WordLists {
    pub cues: &'static [(Cause, u8, &'static str)],
    pub aspects: &'static [(Cause, u8, &'static str)],
    pub neg_default: &'static [(Cause, u8, &'static str)],
    pub neg: &'static str,
    pub pos: &'static str,
    pub negators: &'static str,
    pub contrast: &'static str,
    pub emphasis: &'static str,
    pub addressee: &'static str,
    pub dine_in: &'static str,
    pub neutral: &'static str,
    pub safety: &'static str,
    pub escalation: &'static str,
    pub refund: &'static str,
    pub return_: &'static str,
    pub exchange: &'static str,
    pub declines: &'static str,
    pub staff: &'static str,
    pub courier: &'static str,
    pub installer: &'static str,
    pub gift: &'static str,
    pub extortion: &'static str,
    pub review_change: &'static str,
    pub demand: &'static str,
    pub received: &'static str,
    pub platform_benefit: &'static str,
    pub threat: &'static str,
    pub insult: &'static str,
    pub never_bought: &'static str,
    pub competitor: &'static str,
    pub misattributed: &'static str,
    pub repeat_buyer: &'static str,
    pub categories: &'static [(Category, &'static str)],
}

fn split_list(list: &str) -> impl Iterator<Item = &str> {
    list.split('|').map(str::trim).filter(|w| !w.is_empty())
}

/// One pattern of the automaton.
#[derive(Debug)]
pub(super) struct Entry {
    /// The normalized text, as shown in reasons.
    pub text: String,
    /// Latin-script entries must stand as whole words.
    pub latin: bool,
    /// `*` entries: no word boundary needed at the end.
    pub prefix: bool,
    pub roles: Vec<Role>,
}

#[derive(Debug)]
pub(super) struct Lexicon {
    pub automaton: AhoCorasick,
    pub entries: Vec<Entry>,
}

impl Lexicon {
    fn build(lists: &[&WordLists]) -> Result<Lexicon, aho_corasick::BuildError> {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut entries: Vec<Entry> = Vec::new();
        let mut add = |word: &str, role: Role| {
            let (raw, prefix) = match word.strip_suffix('*') {
                Some(w) => (w, true),
                None => (word, false),
            };
            let text = normalize(raw);
            if text.is_empty() {
                return;
            }
            let i = *index.entry(text.clone()).or_insert_with(|| {
                entries.push(Entry {
                    latin: text
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_alphanumeric()),
                    text,
                    prefix,
                    roles: Vec::new(),
                });
                entries.len() - 1
            });
            let e = &mut entries[i];
            e.prefix |= prefix;
            if !e.roles.contains(&role) {
                e.roles.push(role);
            }
        };
        for l in lists {
            for (cause, w, words) in l.cues {
                split_list(words).for_each(|x| add(x, Role::Cue(*cause, *w)));
            }
            for (cause, w, words) in l.aspects {
                split_list(words).for_each(|x| add(x, Role::Aspect(*cause, *w)));
            }
            for (cause, w, words) in l.neg_default {
                split_list(words).for_each(|x| add(x, Role::NegDefault(*cause, *w)));
            }
            let simple: [(&str, Role); 29] = [
                (l.neg, Role::Neg),
                (l.pos, Role::Pos),
                (l.negators, Role::Negator),
                (l.contrast, Role::Contrast),
                (l.emphasis, Role::Emphasis),
                (l.addressee, Role::Addressee),
                (l.dine_in, Role::DineIn),
                (l.neutral, Role::Neutral),
                (l.safety, Role::Safety),
                (l.escalation, Role::Escalation),
                (l.refund, Role::Refund),
                (l.return_, Role::Return),
                (l.exchange, Role::Exchange),
                (l.declines, Role::Declines),
                (l.staff, Role::Staff),
                (l.courier, Role::Courier),
                (l.installer, Role::Installer),
                (l.gift, Role::Gift),
                (l.extortion, Role::Extortion),
                (l.review_change, Role::ReviewChange),
                (l.demand, Role::Demand),
                (l.received, Role::Received),
                (l.platform_benefit, Role::PlatformBenefit),
                (l.threat, Role::Threat),
                (l.insult, Role::Insult),
                (l.never_bought, Role::NeverBought),
                (l.competitor, Role::Competitor),
                (l.misattributed, Role::Misattributed),
                (l.repeat_buyer, Role::RepeatBuyer),
            ];
            for (words, role) in simple {
                split_list(words).for_each(|x| add(x, role));
            }
            for (cat, words) in l.categories {
                split_list(words).for_each(|x| add(x, Role::Category(*cat)));
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(entries.iter().map(|e| e.text.as_str()))?;
        Ok(Lexicon { automaton, entries })
    }
}

/// The built-in lexicon, compiled on first use (a few milliseconds). `None` only if the
/// automaton could not be built (its size limits are far above these lists; a test checks
/// it builds): triage then finds no words and labels everything `other`.
pub(super) fn builtin() -> Option<&'static Lexicon> {
    static LEXICON: OnceLock<Option<Lexicon>> = OnceLock::new();
    LEXICON
        .get_or_init(|| Lexicon::build(&[&zh::LISTS, &en::LISTS]).ok())
        .as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicon_compiles_and_is_normalized() {
        let lex = builtin().unwrap();
        assert!(lex.entries.len() > 1000, "{}", lex.entries.len());
        for e in &lex.entries {
            assert_eq!(normalize(&e.text), e.text);
            assert!(
                !e.text.contains(super::super::normalize::BREAK),
                "{}",
                e.text
            );
            assert!(!e.roles.is_empty());
        }
    }

    #[test]
    fn one_word_can_play_several_roles() {
        let lex = builtin().unwrap();
        let e = lex
            .entries
            .iter()
            .find(|e| e.text == "快递员")
            .map(|e| e.roles.clone())
            .unwrap_or_default();
        assert!(e.contains(&Role::Courier));
        assert!(e
            .iter()
            .any(|r| matches!(r, Role::Aspect(Cause::Logistics, _))));
    }
}
