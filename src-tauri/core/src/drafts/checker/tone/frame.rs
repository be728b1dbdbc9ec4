//! The frame tone is read in: sentences and clauses (the same cut the incentive reader
//! uses), which sentences are questions, and which words only report what the buyer said
//! ("您在评价里说我们是骗子" names no one a cheat).

use crate::remedies::compliance::Segments;
use regex::Regex;

pub(super) struct Rules {
    reported: Regex,
    shop_resumes: Regex,
}

impl Rules {
    pub(super) fn new() -> Result<Rules, regex::Error> {
        Ok(Rules {
            shop_resumes: Regex::new(
                r"(?i)(我们|我)(一个字|都|也|不|没|绝|已经|会|是不会)|(?-u:\b)(we|i) (don't|do not|won't|never|can't|have|will)(?-u:\b)",
            )?,
            reported: Regex::new(
                r"(?i)(您|你|买家|对方)(在评价里|在评论里|在评价中|在评论中|刚才|之前|上次|电话里)?(说|提到|提出|反映|表示|写)(的|了|过)?|(您|你)(说的|提的)|(?-u:\b)(you|the buyer|the customer)\s+(said|say|wrote|write|called us|call us|claimed|claim|mentioned|told us)(?-u:\b)|(?-u:\b)(your|the buyer's)\s+(message|email|review) (says|said|calls|called)(?-u:\b)",
            )?,
        })
    }
}

pub(super) struct Frame<'a> {
    pub text: &'a str,
    pub seg: Segments,
    /// Byte ranges that repeat the buyer's words: from the reporting verb to its clause end.
    reported: Vec<(usize, usize)>,
}

impl<'a> Frame<'a> {
    pub(super) fn new(r: &Rules, text: &'a str) -> Frame<'a> {
        let seg = Segments::new(text);
        let reported = r
            .reported
            .find_iter(text)
            .map(|m| {
                let c = seg.clause_at(m.start());
                let end = seg.clauses.get(c).map_or(text.len(), |c| c.end);
                // The shop speaking again ends the report: "您说的这些我们一个字都不认".
                let end = r
                    .shop_resumes
                    .find(&text[m.end()..end])
                    .map_or(end, |x| m.end() + x.start());
                (m.start(), end)
            })
            .collect();
        Frame {
            text,
            seg,
            reported,
        }
    }

    pub(super) fn reported(&self, at: usize) -> bool {
        self.reported.iter().any(|&(s, e)| at >= s && at < e)
    }

    /// The clause `at` is in, as a byte range.
    pub(super) fn clause_of(&self, at: usize) -> (usize, usize) {
        let c = self.seg.clause_at(at);
        self.seg
            .clauses
            .get(c)
            .map_or((0, self.text.len()), |c| (c.start, c.end))
    }

    /// The sentence `at` is in, as a byte range.
    pub(super) fn sentence_of(&self, at: usize) -> (usize, usize) {
        let s = self.seg.sentence_at(at);
        self.seg
            .sentences
            .get(s)
            .map_or((0, self.text.len()), |s| (s.start, s.end))
    }

    pub(super) fn sentence_index(&self, at: usize) -> usize {
        self.seg.sentence_at(at)
    }

    /// The sentence asks something (a rhetorical challenge needs a question mark).
    pub(super) fn is_question(&self, at: usize) -> bool {
        let (s, e) = self.sentence_of(at);
        self.text[s..e].contains(['？', '?'])
    }
}
