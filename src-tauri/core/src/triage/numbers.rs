//! Numbers with a unit in a review: waiting times ("等了两个小时", "送了7天", "153分钟"),
//! long ones being evidence of slow delivery, and sums of money ("收了40元").

/// A duration found in normalized text: where it is and its length in minutes.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Duration {
    pub start: usize,
    pub end: usize,
    pub minutes: f32,
}

fn numeral(c: char) -> Option<f32> {
    Some(match c {
        '0'..='9' => (c as u32 - '0' as u32) as f32,
        '零' => 0.0,
        '一' => 1.0,
        '二' | '两' | '俩' => 2.0,
        '三' => 3.0,
        '四' => 4.0,
        '五' => 5.0,
        '六' => 6.0,
        '七' => 7.0,
        '八' => 8.0,
        '九' => 9.0,
        '十' => 10.0,
        '几' => 3.0,
        '半' => 0.5,
        _ => return None,
    })
}

/// Reads a number such as `7`, `153`, `十`, `二十`, `十几`, `两`, `一个半`; returns the value
/// and the byte offset after it (and after the `个`, `多`, `半` that may follow).
fn read_number(text: &str, start: usize) -> Option<(f32, usize)> {
    let mut value = 0.0f32;
    let mut current = 0.0f32;
    let mut digits = false;
    let mut end = start;
    for (i, c) in text[start..].char_indices() {
        let Some(v) = numeral(c) else { break };
        if c.is_ascii_digit() {
            current = current * 10.0 + v;
            digits = true;
        } else if digits {
            break;
        } else if c == '十' {
            value += if current == 0.0 { 10.0 } else { current * 10.0 };
            current = 0.0;
        } else {
            current += v;
        }
        end = start + i + c.len_utf8();
    }
    if end == start {
        return None;
    }
    value += current;
    // 个 / 多 / 半 between the number and its unit: "一个半小时", "两个多小时".
    let mut rest = end;
    for c in text[end..].chars() {
        match c {
            '个' | '多' => rest += c.len_utf8(),
            '半' => {
                value += 0.5;
                rest += c.len_utf8();
            }
            _ => break,
        }
    }
    Some((value, rest))
}

const UNITS: &[(&str, f32)] = &[
    ("小时", 60.0),
    ("钟头", 60.0),
    ("分钟", 1.0),
    ("天", 1440.0),
    ("星期", 10080.0),
    ("礼拜", 10080.0),
    ("周", 10080.0),
    ("月", 43200.0),
];

/// Every number followed by a time unit in the text.
pub(super) fn find(text: &str) -> Vec<Duration> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        // A number starts with a digit or numeral, not with 半 (as in 半个月 it is read
        // as part of a unit phrase below).
        if numeral(c).is_some() && c != '半' {
            if let Some((value, after)) = read_number(text, i) {
                if let Some((unit, per)) = UNITS.iter().find(|(u, _)| text[after..].starts_with(u))
                {
                    let end = after + unit.len();
                    out.push(Duration {
                        start: i,
                        end,
                        minutes: value * per,
                    });
                    i = end;
                    continue;
                }
                i = after.max(i + c.len_utf8());
                continue;
            }
        }
        i += c.len_utf8();
    }
    out
}

/// A sum of money found in normalized text.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Money {
    pub start: usize,
    pub end: usize,
}

const CURRENCY: &[&str] = &["块钱", "元", "块", "rmb"];

/// Every number followed by a currency word (`40元`, `两百块`).
pub(super) fn find_money(text: &str) -> Vec<Money> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        if numeral(c).is_some() && c != '半' {
            if let Some((_, after)) = read_number(text, i) {
                // 百/千 after a Chinese numeral: 两百块, 三千元.
                let after = ["百", "千", "万"]
                    .iter()
                    .find(|m| text[after..].starts_with(**m))
                    .map_or(after, |m| after + m.len());
                if let Some(cur) = CURRENCY.iter().find(|u| text[after..].starts_with(**u)) {
                    let end = after + cur.len();
                    out.push(Money { start: i, end });
                    i = end;
                    continue;
                }
                i = after.max(i + c.len_utf8());
                continue;
            }
        }
        i += c.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minutes(text: &str) -> Vec<f32> {
        find(text).iter().map(|d| d.minutes).collect()
    }

    #[test]
    fn reads_digits_and_chinese_numerals() {
        assert_eq!(minutes("送货送了7天"), vec![7.0 * 1440.0]);
        assert_eq!(minutes("等了两个小时"), vec![120.0]);
        assert_eq!(minutes("一个半小时才到"), vec![90.0]);
        assert_eq!(minutes("等了整整153分钟"), vec![153.0]);
        assert_eq!(minutes("十天才到"), vec![14400.0]);
        assert_eq!(minutes("二十分钟"), vec![20.0]);
        assert_eq!(minutes("一个星期"), vec![10080.0]);
        assert_eq!(minutes("俩小时"), vec![120.0]);
        assert!(minutes("买了三件").is_empty());
    }

    #[test]
    fn finds_sums_of_money() {
        let m = find_money("师傅来安装就收了40元，另加两百块");
        assert_eq!(m.len(), 2);
        assert!(find_money("等了40分钟").is_empty());
    }
}
