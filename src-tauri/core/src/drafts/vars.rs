//! The variables a template may use, with what each means and what stands in when the
//! case has no value for it.

use super::model::{Lang, TemplateVariable};

/// (name, zh description, en description). Order is the editor's help order.
const VARIABLES: &[(&str, &str, &str)] = &[
    (
        "buyer",
        "买家昵称（没有时用回退值，如 {buyer|亲}）",
        "Buyer's nickname (use a fallback such as {buyer|there})",
    ),
    ("product", "商品简称", "Short product name"),
    ("product_full", "商品完整标题", "Full product title"),
    (
        "problem",
        "这位买家遇到的具体问题（如 漏水、色差、物流慢）",
        "The specific problem (e.g. a leak, colour mismatch, slow delivery)",
    ),
    (
        "cause",
        "问题类别（如 质量问题）",
        "Problem category (e.g. a quality problem)",
    ),
    (
        "order",
        "订单说法（有单号时带单号）",
        "The order, with its number when known",
    ),
    ("order_id", "订单号本身", "The bare order number"),
    (
        "remedy",
        "给买家的处理方案（来自本案的补救措施，没有时按问题类别建议）",
        "The remedy (from the case's remedy, or a suggestion for the cause)",
    ),
    ("change", "我们会改进的地方", "What the shop will change"),
    (
        "followup",
        "下次联系的具体时间",
        "A concrete time for the next contact",
    ),
    ("shop", "店铺名", "Shop name"),
    (
        "operator",
        "接待人（设置里的操作人）",
        "Who is speaking (the operator in settings)",
    ),
    ("signoff", "落款", "Sign-off"),
    (
        "im",
        "平台上的私信渠道（旺旺、京东咚咚……）",
        "The platform's messaging channel",
    ),
    (
        "courier",
        "配送方（快递、骑手……）",
        "Who delivers (courier, rider…)",
    ),
    ("platform", "平台名", "Platform name"),
];

pub(crate) fn is_known(name: &str) -> bool {
    VARIABLES.iter().any(|(n, _, _)| *n == name)
}

/// The variables the template editor offers.
pub fn template_variables() -> Vec<TemplateVariable> {
    VARIABLES
        .iter()
        .map(|(n, zh, en)| TemplateVariable {
            name: (*n).to_string(),
            description_zh: (*zh).to_string(),
            description_en: (*en).to_string(),
        })
        .collect()
}

/// The values for one case, channel and language. Every field is filled by `facts`;
/// an empty string means "unknown here", and the template's fallback or `default` applies.
#[derive(Debug, Clone, Default)]
pub(crate) struct Vars {
    pub lang: Option<Lang>,
    pub buyer: String,
    pub product: String,
    pub product_full: String,
    pub problem: String,
    pub cause: String,
    pub order: String,
    pub order_id: String,
    pub remedy: String,
    pub change: String,
    pub followup: String,
    pub shop: String,
    pub operator: String,
    pub signoff: String,
    pub im: String,
    pub courier: String,
    pub platform: String,
}

impl Vars {
    pub(crate) fn get(&self, name: &str) -> Option<String> {
        let v = match name {
            "buyer" => &self.buyer,
            "product" => &self.product,
            "product_full" => &self.product_full,
            "problem" => &self.problem,
            "cause" => &self.cause,
            "order" => &self.order,
            "order_id" => &self.order_id,
            "remedy" => &self.remedy,
            "change" => &self.change,
            "followup" => &self.followup,
            "shop" => &self.shop,
            "operator" => &self.operator,
            "signoff" => &self.signoff,
            "im" => &self.im,
            "courier" => &self.courier,
            "platform" => &self.platform,
            _ => return None,
        };
        Some(v.clone())
    }

    /// What stands in for an empty value when the template gives no fallback.
    pub(crate) fn default_for(&self, name: &str) -> String {
        let zh = self.lang != Some(Lang::En);
        match (name, zh) {
            ("buyer", true) => "亲",
            ("buyer", false) => "there",
            ("order", true) => "这笔订单",
            ("order", false) => "your order",
            ("product" | "product_full", true) => "商品",
            ("product" | "product_full", false) => "item",
            ("shop", true) => "本店",
            ("shop", false) => "our shop",
            ("im", true) => "店铺客服",
            ("im", false) => "messages",
            ("courier", true) => "快递",
            ("courier", false) => "the carrier",
            _ => "",
        }
        .to_string()
    }
}
