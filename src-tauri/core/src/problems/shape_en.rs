//! An English clause made into the problem phrase of a reply, which reads it after
//! "about" or "for" ("We're sorry about {phrase}"): the clause turned into a noun phrase,
//! its verb into the -ing form and the buyer's "I"/"my" into "you"/"your" ("the strap
//! broke after a week" → "the strap breaking after a week", "it doesn't charge" → "your
//! kettle not charging", "Too small" → "your dress being too small"). A clause that
//! cannot be turned reliably, or that would read wrong (an insult, a bare verdict,
//! personal data, too long), is refused.

use std::ops::Range;

/// Longest phrase, in words, besides the item's own name.
const MAX_WORDS: usize = 12;

/// Words that open a clause without being part of the complaint.
const LEADING: &[&str] = &[
    "but",
    "and",
    "also",
    "however",
    "unfortunately",
    "sadly",
    "so",
    "then",
    "plus",
    "although",
    "though",
    "yet",
    "still",
    "oh",
    "well",
    "ok",
    "okay",
    "honestly",
    "overall",
    "now",
    "because",
    "since",
    "just",
    "even",
    "literally",
    "basically",
    "first",
    "second",
    "third",
    "finally",
    "additionally",
    "moreover",
    "besides",
    "anyway",
    "sure",
    "that",
];

/// Word sequences that introduce the complaint ("the only problem is that …").
const INTROS: &[&[&str]] = &[
    &["the", "only", "problem", "is"],
    &["the", "only", "issue", "is"],
    &["the", "only", "thing", "is"],
    &["the", "problem", "is"],
    &["the", "issue", "is"],
    &["my", "only", "complaint", "is"],
    &["my", "only", "issue", "is"],
    &["my", "only", "problem", "is"],
    &["my", "only", "gripe", "is"],
    &["my", "complaint", "is"],
    &["my", "issue", "is"],
    &["my", "problem", "is"],
    &["the", "downside", "is"],
    &["i", "found", "that"],
    &["i", "found"],
    &["i", "noticed", "that"],
    &["i", "noticed"],
    &["i", "think"],
    &["i", "feel", "like"],
    &["i", "feel"],
    &["i", "felt", "like"],
    &["i", "felt"],
    &["i", "guess"],
    &["it", "seems", "like"],
    &["it", "seems", "that"],
    &["it", "turns", "out"],
    &["turns", "out"],
    &["it", "turned", "out"],
    &["for", "some", "reason"],
    &["to", "be", "honest"],
    &["in", "my", "opinion"],
    &["it", "is", "too", "bad"],
    &["too", "bad"],
    &["the", "bad", "news", "is"],
];

/// Auxiliaries that, followed by "not", negate the verb after them.
const AUX: &[&str] = &["does", "did", "do", "will", "would", "should"];
const CAN: &[&str] = &["can", "could"];

/// Words a subject never holds: questions, prepositions, other people.
const NOT_SUBJECT: &[&str] = &[
    "what", "which", "who", "why", "how", "when", "where", "as", "in", "on", "at", "for", "with",
    "to", "from", "by", "if", "after", "before", "because", "you", "he", "him", "someone",
    "everyone", "anyone", "people", "nobody", "i", "we",
];

/// Words that end the part of a clause worth quoting.
const TAIL_STOPS: &[&str] = &[
    "because", "since", "so", "which", "but", "if", "as", "and", "though", "although", "when",
    "while", "unless", "whereas", "i", "we", "you",
];

/// Refused anywhere in a phrase.
const REFUSED: &[&str] = &[
    "crap",
    "crappy",
    "junk",
    "junky",
    "garbage",
    "trash",
    "shit",
    "shitty",
    "sucks",
    "sucked",
    "suck",
    "damn",
    "hell",
    "wtf",
    "stupid",
    "idiot",
    "idiotic",
    "dumb",
    "scam",
    "scammed",
    "ripoff",
    "rip-off",
    "fake",
    "counterfeit",
    "fraud",
    "liar",
    "lied",
    "lying",
    "hate",
    "hated",
    "pissed",
    "fuck",
    "fucking",
    "review",
    "reviews",
    "refund",
    "amazon",
    "seller",
    "you",
    "your",
    "guys",
    "god",
    "jesus",
    "lol",
    "ugh",
    "refurbished",
    "used",
    "complain",
    "complaint",
    "complained",
];

/// A predicate of only these says nothing the reply could name ("it was terrible").
const VERDICTS: &[&str] = &[
    "terrible",
    "awful",
    "horrible",
    "horrendous",
    "bad",
    "poor",
    "useless",
    "worthless",
    "disappointing",
    "disappointed",
    "unhappy",
    "unacceptable",
    "ridiculous",
    "pathetic",
    "a waste",
    "wasted",
    "not good",
    "not great",
    "no good",
    "not worth it",
    "meh",
    "ok",
    "okay",
    "fine",
    "mediocre",
    "subpar",
    "not impressed",
    "a disappointment",
    "a joke",
    "a fail",
    "the worst",
    "worse",
    "gross",
    "ugly",
    "cheap",
    "junk",
    "nothing special",
];

const DEGREES: &[&str] = &[
    "far",
    "way",
    "too",
    "very",
    "so",
    "really",
    "extremely",
    "way",
    "super",
    "quite",
    "a",
    "bit",
    "little",
    "kind",
    "of",
    "sort",
    "pretty",
    "rather",
    "incredibly",
    "terribly",
    "awfully",
    "overly",
    "slightly",
    "somewhat",
    "fairly",
    "totally",
    "completely",
    "just",
    "not",
    "even",
];

/// The item the buyer means by a pronoun or a bare name.
const ITEM_SUBJECTS: &[&[&str]] = &[
    &["it"],
    &["this"],
    &["that"],
    &["this", "one"],
    &["this", "thing"],
    &["the", "thing"],
    &["this", "product"],
    &["the", "product"],
    &["this", "item"],
    &["the", "item"],
    &["this", "unit"],
    &["the", "unit"],
    &["the", "device"],
    &["this", "device"],
    &["they"],
    &["these"],
    &["those"],
    &["she"],
    &["alexa"],
];

/// Auxiliaries that negate the verb after them: (word, what the phrase says instead).
const NEG_AUX: &[(&str, &str)] = &[
    ("doesn't", "not"),
    ("didn't", "not"),
    ("don't", "not"),
    ("won't", "not"),
    ("wouldn't", "not"),
    ("never", "never"),
    ("hasn't", "not having"),
    ("haven't", "not having"),
];

const CANNOT: &[&str] = &["can't", "cannot", "couldn't", "cant", "couldnt"];

const NEG_COPULA: &[&str] = &["isn't", "wasn't", "aren't", "weren't", "isnt", "wasnt"];

const COPULA: &[&str] = &["is", "was", "are", "were", "am", "be", "been"];

/// Verbs a complaint is told with, and their -ing forms where the regular rules miss.
const IRREGULAR_ING: &[(&str, &str)] = &[
    ("broke", "breaking"),
    ("breaks", "breaking"),
    ("break", "breaking"),
    ("tore", "tearing"),
    ("tears", "tearing"),
    ("tear", "tearing"),
    ("came", "coming"),
    ("comes", "coming"),
    ("come", "coming"),
    ("fell", "falling"),
    ("falls", "falling"),
    ("fall", "falling"),
    ("ran", "running"),
    ("runs", "running"),
    ("run", "running"),
    ("died", "dying"),
    ("dies", "dying"),
    ("die", "dying"),
    ("quit", "quitting"),
    ("quits", "quitting"),
    ("wore", "wearing"),
    ("wears", "wearing"),
    ("shrank", "shrinking"),
    ("shrunk", "shrinking"),
    ("shrinks", "shrinking"),
    ("got", "getting"),
    ("gets", "getting"),
    ("get", "getting"),
    ("went", "going"),
    ("goes", "going"),
    ("go", "going"),
    ("made", "making"),
    ("makes", "making"),
    ("make", "making"),
    ("took", "taking"),
    ("takes", "taking"),
    ("take", "taking"),
    ("gave", "giving"),
    ("gives", "giving"),
    ("give", "giving"),
    ("kept", "keeping"),
    ("keeps", "keeping"),
    ("began", "beginning"),
    ("begins", "beginning"),
    ("lost", "losing"),
    ("loses", "losing"),
    ("lose", "losing"),
    ("left", "leaving"),
    ("leaves", "leaving"),
    ("leave", "leaving"),
    ("fits", "fitting"),
    ("fit", "fitting"),
    ("sat", "sitting"),
    ("sits", "sitting"),
    ("sit", "sitting"),
    ("hit", "hitting"),
    ("split", "splitting"),
    ("cut", "cutting"),
    ("felt", "feeling"),
    ("feels", "feeling"),
    ("had", "having"),
    ("has", "having"),
    ("have", "having"),
    ("did", "doing"),
    ("does", "doing"),
    ("do", "doing"),
    ("said", "saying"),
    ("says", "saying"),
    ("held", "holding"),
    ("holds", "holding"),
    ("bent", "bending"),
    ("bends", "bending"),
    ("stuck", "sticking"),
    ("sticks", "sticking"),
    ("shed", "shedding"),
    ("sheds", "shedding"),
    ("bled", "bleeding"),
    ("bleeds", "bleeding"),
    ("stops", "stopping"),
    ("stop", "stopping"),
    ("drops", "dropping"),
    ("slips", "slipping"),
    ("snaps", "snapping"),
    ("rips", "ripping"),
    ("sounds", "sounding"),
    ("looks", "looking"),
    ("seems", "seeming"),
    ("smells", "smelling"),
    ("tastes", "tasting"),
    ("works", "working"),
    ("work", "working"),
    ("turns", "turning"),
    ("shows", "showing"),
    ("hurts", "hurting"),
    ("hurt", "hurting"),
    ("won", "winning"),
    ("spun", "spinning"),
    ("sent", "sending"),
    ("sends", "sending"),
    ("sold", "selling"),
    ("brought", "bringing"),
    ("read", "reading"),
    ("put", "putting"),
    ("set", "setting"),
    ("shut", "shutting"),
    ("see", "seeing"),
    ("saw", "seeing"),
];

/// Verbs that double their last letter before -ing.
const DOUBLING: &[&str] = &[
    "stop", "fit", "run", "get", "cut", "sit", "slip", "drop", "rip", "snap", "grip", "plug",
    "hum", "hit", "set", "shut", "spin", "trim", "win", "begin", "forget", "plan", "ship", "skip",
    "tap", "wrap", "zip", "chip", "clip", "drip", "trip", "step", "tug", "dim", "jam", "rub",
    "stab", "throb", "pop", "sag", "bug", "flip",
];

/// Past forms a complaint is usually told with (besides any word in -ed).
const PAST: &[&str] = &[
    "broke", "tore", "came", "fell", "ran", "died", "quit", "wore", "shrank", "shrunk", "got",
    "went", "made", "took", "gave", "kept", "began", "lost", "left", "fit", "felt", "had", "did",
    "held", "bent", "stuck", "shed", "bled", "sounded", "split", "cut", "sent",
];

/// Present forms that start a predicate.
const PRESENT: &[&str] = &[
    "breaks",
    "tears",
    "comes",
    "falls",
    "runs",
    "dies",
    "wears",
    "shrinks",
    "gets",
    "goes",
    "makes",
    "takes",
    "gives",
    "keeps",
    "loses",
    "leaves",
    "fits",
    "sits",
    "feels",
    "has",
    "have",
    "holds",
    "bends",
    "sticks",
    "sheds",
    "bleeds",
    "stops",
    "drops",
    "slips",
    "snaps",
    "rips",
    "sounds",
    "looks",
    "seems",
    "smells",
    "tastes",
    "works",
    "turns",
    "shows",
    "hurts",
    "sends",
    "does",
    "do",
    "rattles",
    "buzzes",
    "squeaks",
    "leaks",
    "pills",
    "fades",
    "itches",
    "scratches",
    "wrinkles",
    "disconnects",
    "freezes",
    "crashes",
    "lags",
    "overheats",
    "hums",
    "drains",
    "requires",
    "needs",
    "lacks",
    "cuts",
    "fall",
    "break",
    "tear",
    "come",
    "slip",
    "stick",
    "wobble",
    "wobbles",
    "flap",
    "flaps",
    "rattle",
    "buzz",
    "hum",
    "leak",
    "fade",
    "rust",
    "rusts",
    "crackle",
    "crackles",
    "squeak",
    "snap",
    "bend",
    "bends",
    "scratch",
    "pill",
    "shrink",
    "stretch",
    "stretches",
    "sag",
    "sags",
    "peel",
    "peels",
    "wear",
    "keep",
    "won't",
    "buffers",
    "disconnect",
    "freeze",
    "crash",
    "lag",
    "drain",
    "die",
];

/// Adverbs that may stand between the subject and its verb ("it kinda wobbles").
const ADVERBS: &[&str] = &[
    "kinda",
    "really",
    "just",
    "always",
    "constantly",
    "often",
    "sometimes",
    "easily",
    "barely",
    "also",
    "still",
    "even",
    "actually",
    "literally",
    "completely",
    "totally",
    "quickly",
    "eventually",
    "immediately",
    "already",
    "randomly",
    "frequently",
    "continually",
    "finally",
];

/// Words in -ed that are not verbs of the predicate ("red", "bed", "need").
const NOT_PAST: &[&str] = &[
    "red",
    "bed",
    "need",
    "speed",
    "seed",
    "feed",
    "weed",
    "shed",
    "led",
    "wed",
    "bred",
    "fled",
    "sled",
    "shred",
    "hundred",
    "indeed",
    "naked",
    "wicked",
    "sacred",
    "beloved",
    "ragged",
    "rugged",
    "jagged",
    "crooked",
    "wretched",
    "aged",
    "embed",
    "tired",
    "used",
    "supposed",
    "expected",
    "advertised",
    "pictured",
    "described",
    "shaped",
    "sized",
    "priced",
    "made",
    "designed",
    "lined",
    "unlined",
    "padded",
    "coated",
    "based",
    "related",
    "limited",
    "detailed",
    "colored",
    "coloured",
    "patterned",
    "printed",
    "mixed",
];

/// A word as it stands in the clause.
#[derive(Debug, Clone)]
struct Word {
    text: String,
    lower: String,
    range: Range<usize>,
}

fn words(text: &str, r: &Range<usize>) -> Vec<Word> {
    let mut out = Vec::new();
    let s = &text[r.clone()];
    let mut at = 0;
    for part in s.split_inclusive(char::is_whitespace) {
        let t = part.trim_end();
        let lead = t.len() - t.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
        let core = t
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .trim_end_matches(|c: char| !c.is_alphanumeric());
        if !core.is_empty() {
            let start = r.start + at + lead;
            let core = core.replace('’', "'");
            // "it's" → "it is", so the copula is found where it is.
            let splits: &[(&str, &str)] =
                &[("'s", "is"), ("'re", "are"), ("'m", "am"), ("'ve", "have")];
            let lower = core.to_lowercase();
            let split = splits.iter().find(|(suf, _)| {
                lower.ends_with(suf) && lower.len() > suf.len() && !lower.ends_with("let's")
            });
            match split {
                Some((suf, full))
                    if [
                        "it", "that", "there", "they", "i", "we", "this", "she", "he", "what",
                    ]
                    .contains(&&lower[..lower.len() - suf.len()]) =>
                {
                    let head = &core[..core.len() - suf.len()];
                    out.push(Word {
                        text: head.to_string(),
                        lower: head.to_lowercase(),
                        range: start..start + head.len(),
                    });
                    out.push(Word {
                        text: (*full).to_string(),
                        lower: (*full).to_string(),
                        range: start + head.len()..start + core.len(),
                    });
                }
                _ => out.push(Word {
                    text: core.clone(),
                    lower,
                    range: start..start + core.len(),
                }),
            }
        }
        at += part.len();
    }
    out
}

fn starts_with(ws: &[Word], seq: &[&str]) -> bool {
    ws.len() >= seq.len() && ws.iter().zip(seq).all(|(w, s)| w.lower == *s)
}

/// The -ing form of a verb (base, present or past).
pub(super) fn ing(verb: &str) -> String {
    let v = verb.to_lowercase();
    if let Some((_, i)) = IRREGULAR_ING.iter().find(|(w, _)| *w == v) {
        return (*i).to_string();
    }
    if let Some(stem) = v.strip_suffix("ied") {
        return format!("{stem}ying");
    }
    if let Some(stem) = v.strip_suffix("ed") {
        if !stem.is_empty() {
            // "stopped" → "stopping", "faded" → "fading", "arrived" → "arriving".
            return format!("{stem}ing");
        }
    }
    let base = if let Some(stem) = v.strip_suffix("ies") {
        format!("{stem}y")
    } else if let Some(stem) = v.strip_suffix("es").filter(|s| {
        s.ends_with("sh")
            || s.ends_with("ch")
            || s.ends_with('x')
            || s.ends_with("ss")
            || s.ends_with('z')
    }) {
        stem.to_string()
    } else if let Some(stem) = v.strip_suffix('s').filter(|s| !s.ends_with('s')) {
        stem.to_string()
    } else {
        v.clone()
    };
    if DOUBLING.contains(&base.as_str()) {
        let last = base.chars().last().unwrap_or_default();
        return format!("{base}{last}ing");
    }
    if let Some(stem) = base.strip_suffix("ie") {
        return format!("{stem}ying");
    }
    if base.ends_with('e')
        && !base.ends_with("ee")
        && !base.ends_with("oe")
        && !base.ends_with("ye")
        && base.len() > 2
    {
        return format!("{}ing", &base[..base.len() - 1]);
    }
    format!("{base}ing")
}

fn is_past(w: &str) -> bool {
    PAST.contains(&w)
        || (w.len() > 4 && w.ends_with("ed") && !NOT_PAST.contains(&w) && !w.ends_with("eed"))
}

/// What a verb of the predicate is.
enum Verb {
    Copula,
    NegCopula,
    NegAux(&'static str),
    Cannot,
    Lexical,
}

fn verb_kind(w: &str) -> Option<Verb> {
    if COPULA.contains(&w) {
        return Some(Verb::Copula);
    }
    if NEG_COPULA.contains(&w) {
        return Some(Verb::NegCopula);
    }
    if let Some((_, say)) = NEG_AUX.iter().find(|(a, _)| *a == w) {
        return Some(Verb::NegAux(say));
    }
    if let Some(stripped) = w.strip_suffix("nt") {
        // Missing apostrophes: "doesnt", "didnt", "wont".
        if ["does", "did", "do", "wo", "would"].contains(&stripped) {
            return Some(Verb::NegAux("not"));
        }
    }
    if CANNOT.contains(&w) {
        return Some(Verb::Cannot);
    }
    if is_past(w) || PRESENT.contains(&w) {
        return Some(Verb::Lexical);
    }
    None
}

/// The buyer's words for themselves, as the reply says them.
fn second_person(w: &str) -> Option<&'static str> {
    Some(match w {
        "my" | "our" => "your",
        "me" | "us" => "you",
        "mine" | "ours" => "yours",
        "myself" => "yourself",
        "ourselves" => "yourselves",
        _ => return None,
    })
}

fn is_shouting(ws: &[Word]) -> bool {
    let letters: Vec<&Word> = ws
        .iter()
        .filter(|w| w.text.chars().any(char::is_alphabetic))
        .collect();
    let caps = letters
        .iter()
        .filter(|w| w.text.len() > 1 && w.text.chars().all(|c| !c.is_lowercase()))
        .count();
    letters.len() >= 2 && caps * 2 > letters.len()
}

fn is_title_case(ws: &[Word]) -> bool {
    let letters: Vec<&Word> = ws
        .iter()
        .filter(|w| w.text.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    let caps = letters
        .iter()
        .filter(|w| w.text.chars().next().is_some_and(char::is_uppercase))
        .count();
    letters.len() >= 3 && caps * 10 >= letters.len() * 7
}

/// A word as the reply writes it.
fn written(w: &Word, lower_all: bool) -> String {
    if let Some(p) = second_person(&w.lower) {
        return p.to_string();
    }
    if w.lower == "i" {
        return "you".to_string();
    }
    let acronym = w.text.len() <= 4
        && w.text
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if lower_all && !acronym {
        w.lower.clone()
    } else {
        w.text.clone()
    }
}

/// The buyer's complaint in `clause` around `anchor`, as a reply's noun phrase, with the
/// range of the review it was read from. `item` names the item ("your kettle").
pub(super) fn phrase(
    text: &str,
    clause: Range<usize>,
    anchor: Range<usize>,
    item: &str,
) -> Option<(String, Range<usize>)> {
    let all = words(text, &clause);
    let lower_all = is_shouting(&all) || is_title_case(&all);
    let mut ws: &[Word] = &all;
    // Openers and introductions.
    loop {
        if let Some(seq) = INTROS.iter().find(|s| starts_with(ws, s)) {
            ws = &ws[seq.len()..];
            continue;
        }
        if ws
            .first()
            .is_some_and(|w| LEADING.contains(&w.lower.as_str()))
            && ws.len() > 1
        {
            ws = &ws[1..];
            continue;
        }
        break;
    }
    let from = ws.first()?.range.start;
    // Subject and verb ("does not" / "can not" read as one negated auxiliary).
    let kind_at = |i: usize| -> Option<(Verb, usize)> {
        let w = ws.get(i)?.lower.as_str();
        let next = ws.get(i + 1).map(|n| n.lower.as_str());
        if matches!(next, Some("not") | Some("never")) {
            if AUX.contains(&w) {
                return Some((
                    Verb::NegAux(if next == Some("never") {
                        "never"
                    } else {
                        "not"
                    }),
                    2,
                ));
            }
            if CAN.contains(&w) {
                return Some((Verb::Cannot, 2));
            }
        }
        verb_kind(w).map(|k| (k, 1))
    };
    let v = (0..ws.len())
        .find(|&i| kind_at(i).is_some())
        .filter(|&v| v <= 6);
    let (subject, verb_at): (Option<String>, usize) = match v {
        Some(0) | None => (None, 0),
        Some(v) => {
            // Adverbs before the verb go with the predicate's words ("kinda wobbles").
            let mut end = v;
            while end > 0 && ADVERBS.contains(&ws[end - 1].lower.as_str()) {
                end -= 1;
            }
            if end == 0 {
                return None;
            }
            let subj = &ws[..end];
            let lowers: Vec<&str> = subj.iter().map(|w| w.lower.as_str()).collect();
            if ITEM_SUBJECTS.contains(&lowers.as_slice()) {
                (Some(item.to_string()), v)
            } else if ["i", "we"].contains(&lowers[0]) {
                // "I couldn't get it to work": only the inability reads as a problem.
                if !matches!(kind_at(v), Some((Verb::Cannot, _))) || v != 1 {
                    return None;
                }
                (Some("you".to_string()), v)
            } else if lowers[0] == "there" && v == 1 {
                (Some("there".to_string()), v)
            } else if subj
                .iter()
                .any(|w| verb_kind(&w.lower).is_some() || NOT_SUBJECT.contains(&w.lower.as_str()))
            {
                return None;
            } else {
                let mut s: Vec<String> = subj.iter().map(|w| written(w, lower_all)).collect();
                if let Some(first) = s.first_mut() {
                    if ws[0].lower != "i" && !lower_all && ws[0].range.start == all[0].range.start {
                        *first = first.to_lowercase();
                    }
                    if ["this", "that", "these", "those"].contains(&first.as_str()) {
                        *first = "the".to_string();
                    }
                }
                (Some(s.join(" ")), v)
            }
        }
    };
    let (kind, verb_len) = match kind_at(verb_at) {
        Some((k, n)) => (Some(k), n),
        None => (None, 0),
    };
    let rest = &ws[verb_at..];
    let end = rest
        .iter()
        .enumerate()
        .skip(verb_len.max(1))
        .find(|(_, w)| TAIL_STOPS.contains(&w.lower.as_str()))
        .map_or(rest.len(), |(i, _)| i);
    let rest = &rest[..end];
    if rest.is_empty() || rest.len() > MAX_WORDS {
        return None;
    }
    let tail = |from: usize| -> Vec<String> {
        rest[from..].iter().map(|w| written(w, lower_all)).collect()
    };
    let subj = subject.unwrap_or_else(|| item.to_string());
    let after = verb_len.max(1);
    let (predicate, pred_words): (String, Vec<String>) = match kind {
        Some(Verb::Copula) => {
            let t = tail(1);
            if t.first().is_some_and(|w| w == "not") {
                ("not being".into(), t[1..].to_vec())
            } else {
                ("being".into(), t)
            }
        }
        Some(Verb::NegCopula) => ("not being".into(), tail(1)),
        Some(Verb::NegAux(say)) => {
            // "doesn't always work": the adverb stays before the verb.
            let mut t = tail(after);
            let mut adverbs: Vec<String> = Vec::new();
            while t.len() > 1 && ADVERBS.contains(&t[0].as_str()) {
                adverbs.push(t.remove(0));
            }
            let say = if adverbs.is_empty() {
                say.to_string()
            } else {
                format!("{say} {}", adverbs.join(" "))
            };
            let say = say.as_str();
            let v = t.first()?;
            if say == "not having" {
                (say.to_string(), t)
            } else {
                (format!("{say} {}", ing(v)), t[1..].to_vec())
            }
        }
        Some(Verb::Cannot) => ("not being able to".into(), tail(after)),
        Some(Verb::Lexical) => (ing(&rest[0].lower), tail(1)),
        None => {
            // No verb: an adjective ("Too small") or a noun phrase ("Poor sound quality").
            let t = tail(0);
            let first = t.first().map(|w| w.to_lowercase()).unwrap_or_default();
            let first = first.as_str();
            if first == "not" && t.len() >= 2 {
                // "Not very bright": the item is what is not bright; "not good" names
                // nothing the shop could put right.
                if bare_praise(&t[1..]) {
                    return None;
                }
                ("not being".into(), t[1..].to_vec())
            } else if DEGREES.contains(&first) && t.len() >= 2 {
                // A sentence's capital ("Too small") does not carry into the reply.
                let mut t = t;
                t[0] = first.to_string();
                ("being".into(), t)
            } else if first == "no" && t.len() >= 2 {
                return finish(
                    format!("the lack of {}", t[1..].join(" ")),
                    &t[1..],
                    rest,
                    from,
                    &anchor,
                );
            } else {
                return None;
            }
        }
    };
    let core: Vec<&str> = pred_words
        .iter()
        .map(String::as_str)
        .filter(|w| !DEGREES.contains(w))
        .collect();
    if core.is_empty() && !predicate.contains("able") {
        if predicate.starts_with("not ") || predicate.starts_with("never ") {
            // "doesn't work" is a complaint on its own.
        } else if predicate == "being" || predicate == "not being" {
            return None;
        }
    }
    let core_text = core.join(" ");
    if predicate.ends_with("being") && VERDICTS.contains(&core_text.as_str()) {
        return None;
    }
    let mut phrase = format!("{subj} {predicate}");
    if !pred_words.is_empty() {
        phrase.push(' ');
        phrase.push_str(&pred_words.join(" "));
    }
    finish(phrase, &pred_words, rest, from, &anchor)
}

/// Praise that "not" only turns into a verdict ("not good at all", "not worth it"): it
/// names nothing the shop could put right.
const PRAISE_WORDS: &[&str] = &[
    "good",
    "great",
    "worth",
    "it",
    "impressed",
    "happy",
    "nice",
    "pleased",
    "satisfied",
    "recommended",
    "at",
    "all",
    "what",
    "i",
    "expected",
    "wanted",
    "hoped",
    "for",
    "the",
    "money",
    "that",
    "as",
    "described",
    "advertised",
];

/// Verbs a phrase turned into a noun phrase cannot still hold.
const FINITE: &[&str] = &[
    "is", "was", "are", "were", "am", "isn't", "wasn't", "aren't", "should", "would", "could",
    "might", "must", "wish",
];

/// Words a phrase cannot end on.
const HANGING: &[&str] = &[
    "to", "the", "a", "an", "and", "or", "of", "for", "with", "that", "than", "as", "if", "my",
    "your", "its", "their", "this", "these", "too", "so", "very", "be", "being", "not", "in", "on",
    "at", "by", "from", "would", "could", "will", "can", "you", "no", "any", "some",
];

fn bare_praise(words: &[String]) -> bool {
    words.iter().all(|w| {
        let w = w.to_lowercase();
        DEGREES.contains(&w.as_str()) || PRAISE_WORDS.contains(&w.as_str())
    })
}

fn finish(
    phrase: String,
    said: &[String],
    rest: &[Word],
    from: usize,
    anchor: &Range<usize>,
) -> Option<(String, Range<usize>)> {
    let lower = phrase.to_lowercase();
    let tokens: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .filter(|w| !w.is_empty())
        .collect();
    let said_lower: Vec<String> = said.iter().map(|w| w.to_lowercase()).collect();
    if said_lower
        .iter()
        .any(|w| REFUSED.contains(&w.as_str()) && w != "your" && w != "you")
        || rest.iter().any(|w| w.lower == "you" || w.lower == "your")
        || tokens.len() > MAX_WORDS + 4
    {
        return None;
    }
    let mut digits = 0;
    for c in phrase.chars() {
        if c.is_ascii_digit() {
            digits += 1;
            if digits >= 5 {
                return None;
            }
        } else {
            digits = 0;
        }
    }
    // "didn't disappoint" is praise said backwards.
    if phrase.contains('@')
        || lower.contains("http")
        || lower.contains("www")
        || tokens.iter().any(|t| t.starts_with("disappoint"))
    {
        return None;
    }
    // After "sorry about", a finite verb left in the phrase or a word left hanging at its
    // end reads broken ("the fitting is terrible", "not being able to", "the flattering").
    if tokens
        .iter()
        .any(|t| FINITE.contains(t) || t.ends_with('\'') || t.contains("'s"))
        || tokens.last().is_some_and(|t| HANGING.contains(t))
        || tokens.windows(2).any(|w| match (w[0], w[1]) {
            ("being", "the" | "being") => true,
            // "poorly making" out of "poorly made": the participle was an adjective.
            ("poorly" | "badly" | "cheaply" | "shoddily" | "well", b) => b.ends_with("ing"),
            _ => false,
        })
        || (tokens.len() < 6 && tokens.windows(2).any(|w| w == ["being", "able"]))
    {
        return None;
    }
    let last = rest.last()?.range.end;
    // The words quoted must hold the one that showed the cause.
    if anchor.end <= from || anchor.start >= last {
        return None;
    }
    Some((phrase, from..last))
}
