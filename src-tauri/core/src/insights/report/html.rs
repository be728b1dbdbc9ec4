//! The report as one printable, self-contained HTML page: inline CSS with print rules,
//! charts as inline SVG, no script and nothing loaded from elsewhere. Every text from the
//! database is escaped.

use super::text::{
    cause_label, duration_text, money_text, platform_label, rate_text, status_label,
};
use super::Report;
use crate::cases::Cause;
use crate::cases::CommitmentKind;
use crate::common::Lang;
use crate::insights::axis::BEIJING_OFFSET_SECS;
use crate::insights::volume::cause_index;
use crate::remedies::money;
use chrono::{DateTime, Duration, Utc};
use std::fmt::Write;

/// One colour per cause, the same in every chart.
const CAUSE_COLORS: [&str; 10] = [
    "#d9534f", "#f0ad4e", "#5b8def", "#8e6fd8", "#e377c2", "#17a2b8", "#6c9a3b", "#555555",
    "#b5895a", "#9aa5b1",
];

fn color(c: Cause) -> &'static str {
    CAUSE_COLORS[cause_index(c) % CAUSE_COLORS.len()]
}

/// Escapes text for element content and quoted attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn local_time(t: DateTime<Utc>) -> String {
    (t + Duration::seconds(BEIJING_OFFSET_SECS))
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

const STYLE: &str = r#"
:root { --ink:#1f2933; --muted:#616e7c; --line:#d9dee4; --accent:#2f5597; }
* { box-sizing: border-box; }
body { margin:0; color:var(--ink); background:#f5f7fa;
  font:14px/1.55 -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; }
main { max-width:980px; margin:0 auto; padding:28px 32px 40px; background:#fff; }
h1 { margin:0 0 4px; font-size:24px; }
h2 { margin:28px 0 10px; font-size:17px; border-bottom:2px solid var(--accent); padding-bottom:4px; }
.meta { color:var(--muted); margin:0; }
.kpis { display:grid; grid-template-columns:repeat(4, 1fr); gap:10px; margin-top:18px; }
.kpi { border:1px solid var(--line); border-radius:6px; padding:10px 12px; }
.kpi .v { font-size:20px; font-weight:600; }
.kpi .k { color:var(--muted); font-size:12px; }
table { width:100%; border-collapse:collapse; margin:6px 0 4px; }
th, td { border:1px solid var(--line); padding:4px 8px; text-align:left; vertical-align:top; }
th { background:#eef2f7; font-weight:600; }
td.n, th.n { text-align:right; font-variant-numeric:tabular-nums; }
.legend { display:flex; flex-wrap:wrap; gap:6px 14px; font-size:12px; margin:4px 0; }
.legend i { display:inline-block; width:10px; height:10px; margin-right:4px; border-radius:2px; }
.bar { height:12px; border-radius:2px; display:inline-block; vertical-align:middle; }
.fix { margin:6px 0; }
.fix b { color:var(--accent); }
.note { color:var(--muted); font-size:12px; }
ol, ul { padding-left:22px; }
@page { size:A4; margin:14mm 12mm; }
@media print {
  body { background:#fff; font-size:11pt; }
  main { max-width:none; padding:0; }
  h2 { break-after:avoid; }
  section, tr, .kpi { break-inside:avoid; }
  .kpis { grid-template-columns:repeat(4, 1fr); }
}
"#;

fn kpi(out: &mut String, value: &str, label: &str) {
    let _ = write!(
        out,
        "<div class=\"kpi\"><div class=\"v\">{}</div><div class=\"k\">{}</div></div>",
        esc(value),
        esc(label)
    );
}

/// Stacked bars of bad and neutral reviews per period, one colour per cause.
fn trend_svg(r: &Report, out: &mut String) {
    let t = &r.dashboard.trend;
    let n = t.periods.len().max(1);
    let (w, h, left, bottom, top) = (900.0_f64, 240.0_f64, 40.0_f64, 28.0_f64, 10.0_f64);
    // Four whole-number steps on the axis: the top is the next multiple of four steps.
    let step = t
        .total
        .iter()
        .copied()
        .max()
        .unwrap_or(0)
        .div_ceil(4)
        .max(1);
    let max = step * 4;
    let plot_h = h - bottom - top;
    let slot = (w - left - 10.0) / n as f64;
    let bar = (slot * 0.72).max(1.0);
    let _ = write!(
        out,
        "<svg viewBox=\"0 0 {w} {h}\" width=\"100%\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">",
        esc(r.request.lang.pick("差评与中评趋势", "Bad and neutral reviews"))
    );
    for k in 0..=4 {
        let v = step * k;
        let y = top + plot_h - plot_h * f64::from(k) / 4.0;
        let _ = write!(
            out,
            "<line x1=\"{left}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"#e4e7eb\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"end\" fill=\"#616e7c\">{}</text>",
            w - 10.0,
            left - 4.0,
            y + 3.0,
            v
        );
    }
    let label_every = n.div_ceil(12).max(1);
    for (i, p) in t.periods.iter().enumerate() {
        let x = left + slot * i as f64 + (slot - bar) / 2.0;
        let mut y = top + plot_h;
        for s in &t.by_cause {
            let v = s.counts[i];
            if v == 0 {
                continue;
            }
            let bh = plot_h * f64::from(v) / max as f64;
            y -= bh;
            let _ = write!(
                out,
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bar:.1}\" height=\"{bh:.1}\" fill=\"{}\"><title>{} · {}: {v}</title></rect>",
                color(s.cause),
                esc(&p.key),
                esc(cause_label(s.cause, r.request.lang))
            );
        }
        if i % label_every == 0 {
            let _ = write!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#616e7c\">{}</text>",
                x + bar / 2.0,
                h - 10.0,
                esc(&p.key)
            );
        }
    }
    out.push_str("</svg><div class=\"legend\">");
    for s in &t.by_cause {
        let _ = write!(
            out,
            "<span><i style=\"background:{}\"></i>{}</span>",
            color(s.cause),
            esc(cause_label(s.cause, r.request.lang))
        );
    }
    out.push_str("</div>");
}

fn bar(width_bp: u32, color: &str) -> String {
    // 10,000 bp = the full 220 px.
    let px = (f64::from(width_bp.min(10_000)) * 220.0 / 10_000.0).max(1.0);
    format!("<span class=\"bar\" style=\"width:{px:.0}px;background:{color}\"></span>")
}

/// The report as a self-contained HTML page.
pub fn report_html(r: &Report) -> String {
    let lang = r.request.lang;
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let d = &r.dashboard;
    let h = &r.headline;
    let cur = h.currency.as_str();
    let mut o = String::with_capacity(64 * 1024);
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} · {}</title><style>{STYLE}</style></head><body><main>",
        lang.locale(),
        esc(&r.title),
        esc(&r.period_label)
    );
    let _ = write!(
        o,
        "<header><h1>{}</h1><p class=\"meta\">{}{}</p><p class=\"meta\">{}{}</p></header>",
        esc(&r.title),
        t("统计期间：", "Period: "),
        esc(&r.period_label),
        t("生成时间（北京时间）：", "Generated (Beijing time): "),
        esc(&local_time(r.generated_at))
    );

    o.push_str("<section class=\"kpis\">");
    kpi(
        &mut o,
        &h.bad.to_string(),
        t("差评（1–2 星）", "Bad reviews (1–2★)"),
    );
    kpi(
        &mut o,
        &h.neutral.to_string(),
        t("中评（3 星）", "Neutral reviews (3★)"),
    );
    kpi(
        &mut o,
        &rate_text(h.bad_rate_bp),
        t("差评率", "Bad-review rate"),
    );
    kpi(
        &mut o,
        &rate_text(h.recovery_rate_bp),
        t("挽回率", "Recovery rate"),
    );
    kpi(
        &mut o,
        &duration_text(h.median_first_contact_secs, lang),
        t("首次联系中位用时", "Median time to first contact"),
    );
    kpi(
        &mut o,
        &h.deadlines_missed.to_string(),
        t("超过首次响应时限", "First-response deadlines missed"),
    );
    kpi(
        &mut o,
        &money::format_money(h.spent_cents, cur),
        t("补偿支出", "Remedy spend"),
    );
    kpi(
        &mut o,
        &money_text(h.cost_per_recovered_cents, cur),
        t("每条挽回评价的成本", "Cost per recovered review"),
    );
    o.push_str("</section>");

    let _ = write!(o, "<section><h2>{}</h2><ul>", t("要点", "Highlights"));
    for line in &r.summary {
        let _ = write!(o, "<li>{}</li>", esc(line));
    }
    o.push_str("</ul></section>");

    let _ = write!(
        o,
        "<section><h2>{}</h2>",
        t(
            "差评与中评趋势（按原因）",
            "Bad and neutral reviews by cause"
        )
    );
    trend_svg(r, &mut o);
    let _ = write!(
        o,
        "<table><tr><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr>",
        t("期间", "Period"),
        t("差评", "Bad"),
        t("中评", "Neutral"),
        t("导入评价", "Imported reviews"),
        t("差评率", "Bad-review rate"),
        t("结案", "Closed"),
        t("挽回率", "Recovery rate")
    );
    for (i, p) in d.trend.periods.iter().enumerate() {
        let _ = write!(
            o,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            esc(&p.key),
            d.trend.bad[i],
            d.trend.neutral[i],
            d.trend.rate.reviews[i],
            rate_text(d.trend.rate.rate_bp[i]),
            d.recovery.closed[i],
            rate_text(d.recovery.rate_bp[i])
        );
    }
    o.push_str("</table></section>");

    let _ = write!(
        o,
        "<section><h2>{}</h2><table><tr><th>{}</th><th class=\"n\">{}</th><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr>",
        t("原因占比与挽回", "Causes and recovery"),
        t("原因", "Cause"),
        t("差评+中评", "Bad + neutral"),
        t("占比", "Share"),
        t("结案", "Closed"),
        t("挽回率", "Recovery rate")
    );
    for c in &d.causes {
        let rec = d.recovery.by_cause.iter().find(|x| x.cause == c.cause);
        let _ = write!(
            o,
            "<tr><td>{}</td><td class=\"n\">{}</td><td>{} {}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            esc(cause_label(c.cause, lang)),
            c.count,
            bar(c.share_bp, color(c.cause)),
            rate_text(Some(c.share_bp)),
            rec.map(|x| x.closed).unwrap_or(0),
            rate_text(rec.and_then(|x| x.rate_bp))
        );
    }
    o.push_str("</table>");
    if !d.recovery.outcomes.is_empty() {
        let _ = write!(o, "<p class=\"note\">{}", t("结案结果：", "Outcomes: "));
        let parts: Vec<String> = d
            .recovery
            .outcomes
            .iter()
            .map(|x| format!("{} {}", esc(x.outcome.label(lang)), x.count))
            .collect();
        o.push_str(&parts.join(t("；", "; ")));
        o.push_str("</p>");
    }
    o.push_str("</section>");

    let _ = write!(
        o,
        "<section><h2>{}</h2><table><tr><th>#</th><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th>{}</th></tr>",
        t("差评最多的商品", "Products with the most bad reviews"),
        t("商品", "Product"),
        t("差评+中评", "Bad + neutral"),
        t("差评", "Bad"),
        t("中评", "Neutral"),
        t("主要原因", "Top causes")
    );
    for (i, p) in d.products.iter().enumerate() {
        let causes: Vec<String> = p
            .top_causes
            .iter()
            .map(|c| format!("{} {}", esc(cause_label(c.cause, lang)), c.count))
            .collect();
        let _ = write!(
            o,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            i + 1,
            esc(&p.product),
            p.count,
            p.bad,
            p.neutral,
            causes.join(t("、", ", "))
        );
    }
    o.push_str("</table></section>");

    let _ = write!(
        o,
        "<section><h2>{}</h2>",
        t(
            "反复出现的问题与改进建议",
            "Recurring problems and what to change"
        )
    );
    if r.problems.is_empty() {
        let _ = write!(
            o,
            "<p class=\"note\">{}</p>",
            t("本期没有案例。", "No cases in this period.")
        );
    }
    o.push_str("<ol>");
    for p in &r.problems {
        let products: Vec<String> = p
            .products
            .iter()
            .map(|(name, n)| format!("{} ×{n}", esc(name)))
            .collect();
        let _ = write!(
            o,
            "<li class=\"fix\"><b>{} ×{}</b> → {}<br><span class=\"note\">{}：{} · {}</span></li>",
            esc(&p.problem),
            p.count,
            esc(&p.suggestion),
            t("涉及商品", "Products"),
            products.join(t("、", ", ")),
            esc(cause_label(p.cause, lang))
        );
    }
    o.push_str("</ol></section>");

    let dl = &d.response.deadlines;
    let _ = write!(
        o,
        "<section><h2>{}</h2><table>\
         <tr><td>{}</td><td class=\"n\">{}</td><td>{}</td><td class=\"n\">{}</td></tr>\
         <tr><td>{}</td><td class=\"n\">{}</td><td>{}</td><td class=\"n\">{}</td></tr>\
         <tr><td>{}</td><td class=\"n\">{}</td><td>{}</td><td class=\"n\">{} / {}</td></tr></table></section>",
        t("响应时效", "Response times"),
        t("首次联系中位用时", "Median time to first contact"),
        esc(&duration_text(d.response.first_contact.median_secs, lang)),
        t("已联系案例", "Cases contacted"),
        d.response.first_contact.cases,
        t("解决中位用时", "Median time to resolution"),
        esc(&duration_text(d.response.resolution.median_secs, lang)),
        t("已解决案例", "Cases resolved"),
        d.response.resolution.cases,
        esc(&match lang {
            Lang::Zh => format!("{} 小时内首次联系", dl.hours),
            Lang::En => format!("First contact within {} h", dl.hours),
        }),
        dl.met,
        t("超时（联系晚了 / 尚未联系）", "Missed (late / not yet)"),
        dl.missed_late,
        dl.missed_no_contact
    );

    let _ = write!(o, "<section><h2>{}</h2>", t("补偿支出", "Remedy spend"));
    if d.spend.currencies.is_empty() {
        let _ = write!(
            o,
            "<p class=\"note\">{}</p>",
            t("本期没有补偿记录。", "No remedies in this period.")
        );
    }
    for c in &d.spend.currencies {
        let max = c
            .by_kind
            .iter()
            .map(|k| k.cost_cents)
            .max()
            .unwrap_or(0)
            .max(1);
        let _ = write!(
            o,
            "<table><tr><th>{}</th><th class=\"n\">{}</th><th>{}</th></tr>",
            t("补偿方式", "Remedy"),
            t("次数", "Count"),
            t("成本", "Cost")
        );
        for k in &c.by_kind {
            let share = u32::try_from(i128::from(k.cost_cents) * 10_000 / i128::from(max))
                .unwrap_or(10_000);
            let _ = write!(
                o,
                "<tr><td>{}</td><td class=\"n\">{}</td><td>{} {}</td></tr>",
                esc(k.kind.label(lang)),
                k.count,
                bar(share, "#2f5597"),
                esc(&money::format_money(k.cost_cents, &c.currency))
            );
        }
        let _ = write!(
            o,
            "</table><p class=\"note\">{} {} · {} {} · {} {}</p>",
            t("合计", "Total"),
            esc(&money::format_money(c.spent_cents, &c.currency)),
            t("待兑现", "still owed"),
            esc(&money::format_money(c.pending_cents, &c.currency)),
            t("每条挽回评价", "per recovered review"),
            esc(&money_text(c.cost_per_recovered_cents, &c.currency))
        );
    }
    o.push_str("</section>");

    let _ = write!(
        o,
        "<section><h2>{}</h2>",
        t(
            "超时仍未联系的案例",
            "Open cases past the deadline, not contacted"
        )
    );
    if r.open_overdue.is_empty() {
        let _ = write!(o, "<p class=\"note\">{}</p>", t("没有。", "None."));
    } else {
        let _ = write!(
            o,
            "<table><tr><th>#</th><th>{}</th><th>{}</th><th class=\"n\">{}</th><th>{}</th><th>{}</th><th>{}</th><th class=\"n\">{}</th></tr>",
            t("平台", "Platform"),
            t("商品", "Product"),
            t("星级", "Stars"),
            t("原因", "Cause"),
            t("状态", "Status"),
            t("评价时间", "Review time"),
            t("超时（小时）", "Hours overdue")
        );
        for c in &r.open_overdue {
            let _ = write!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td></tr>",
                c.case_id,
                esc(platform_label(c.platform, lang)),
                esc(&c.product),
                c.stars,
                esc(cause_label(c.cause, lang)),
                esc(status_label(c.status, lang)),
                esc(&local_time(c.review_time)),
                c.hours_overdue
            );
        }
        o.push_str("</table>");
        if r.open_overdue_total as usize > r.open_overdue.len() {
            let _ = write!(
                o,
                "<p class=\"note\">{}</p>",
                esc(&match lang {
                    Lang::Zh => format!(
                        "共 {} 件，此处列出最早的 {} 件。",
                        r.open_overdue_total,
                        r.open_overdue.len()
                    ),
                    Lang::En => format!(
                        "{} in all; the oldest {} are listed.",
                        r.open_overdue_total,
                        r.open_overdue.len()
                    ),
                })
            );
        }
    }
    o.push_str("</section>");

    let _ = write!(
        o,
        "<section><h2>{}</h2>",
        t("7 天内到期的承诺", "Commitments due within 7 days")
    );
    if r.commitments.is_empty() {
        let _ = write!(o, "<p class=\"note\">{}</p>", t("没有。", "None."));
    } else {
        let _ = write!(
            o,
            "<table><tr><th>#</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
            t("类型", "Type"),
            t("内容", "What"),
            t("到期时间", "Due"),
            t("商品", "Product")
        );
        for c in &r.commitments {
            let kind = match c.kind {
                CommitmentKind::Remedy => t("补偿", "Remedy"),
                CommitmentKind::Promise => t("承诺", "Promise"),
                CommitmentKind::Appeal => t("申诉", "Appeal"),
            };
            let late = if c.overdue {
                t("（已逾期）", " (overdue)")
            } else {
                ""
            };
            let _ = write!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}{}</td><td>{}</td></tr>",
                c.case_id,
                esc(kind),
                esc(&c.label),
                esc(&local_time(c.due_at)),
                esc(late),
                esc(&c.product)
            );
        }
        o.push_str("</table>");
    }
    o.push_str("</section>");

    if !d.alerts.is_empty() {
        let _ = write!(
            o,
            "<section><h2>{}</h2><table><tr><th>{}</th><th>{}</th><th class=\"n\">{}</th></tr>",
            t("关键词提醒命中", "Keyword alerts hit"),
            t("关键词", "Word"),
            t("适用商品", "Product"),
            t("命中案例", "Cases")
        );
        for a in &d.alerts {
            let _ = write!(
                o,
                "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td></tr>",
                esc(&a.term),
                esc(if a.product.is_empty() {
                    t("全部", "all")
                } else {
                    &a.product
                }),
                a.hits
            );
        }
        o.push_str("</table></section>");
    }

    let _ = writeln!(
        o,
        "<footer><p class=\"note\">{}</p></footer></main></body></html>",
        t(
            "口径：日期按北京时间；差评为 1–2 星、中评为 3 星；差评率 = 导入评价中 1–3 星 ÷ 全部导入评价；挽回率 = 买家改评、追加好评或平台删除的结案 ÷ 全部结案；本报告不含买家个人信息。",
            "Definitions: days are Beijing days; bad = 1–2★, neutral = 3★; bad-review rate = imported 1–3★ reviews ÷ all imported reviews; recovery rate = closed cases revised, followed up positively or removed ÷ all closed cases. This report holds no buyer's personal data."
        )
    );
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }
}
