//! The built-in English parts: plain, warm, first person plural, no corporate filler.
//! `{problem}` reads as a noun phrase ("the leak", "the sizing"), `{remedy}` as a verb
//! phrase after "we can".

use super::Slots;
use crate::cases::Cause;

fn opening(cause: Cause) -> [&'static str; 3] {
    match cause {
        Cause::Quality => [
            "We're truly sorry about {problem} with your {product}; that is not the standard we hold ourselves to.",
            "Thank you for telling us about {problem} with your {product}, and we apologise for the trouble it caused.",
            "We're sorry your {product} let you down, and we take {problem} seriously.",
        ],
        Cause::NotAsDescribed => [
            "We're sorry your {product} wasn't what you expected; {problem} is on us, not you.",
            "Thank you for pointing out {problem}, and we apologise that the {product} didn't match what you ordered it for.",
            "We're sorry about {problem} with your {product}; our listing should have made this clear.",
        ],
        Cause::Logistics => [
            "We're sorry about {problem} with your {product}; waiting and worrying is the last thing you needed.",
            "Thank you for letting us know about {problem}, and we apologise for the hassle with your {product}.",
            "We're sorry your {product} had such a rough trip to you, and we own {problem} from here.",
        ],
        Cause::Packaging => [
            "We're sorry your {product} arrived the way it did; {problem} was our job and we fell short.",
            "Thank you for the honest feedback on {problem}, and we apologise for the state your {product} arrived in.",
            "We're sorry about {problem} with your {product}; you deserved a parcel that arrived in good shape.",
        ],
        Cause::Service => [
            "We're sorry we didn't help you sooner; {problem} is not how we want anyone to be treated.",
            "Thank you for telling us about {problem}, and please accept our apology for how this was handled.",
            "We're sorry our team let you down on {problem}, and we appreciate you saying so.",
        ],
        Cause::ShippingError => [
            "We're sorry about {problem}; that mistake was ours and it cost you time.",
            "Thank you for letting us know about {problem}, and we apologise for the mix-up with your {product}.",
            "We're sorry your order arrived with {problem}; our warehouse got this one wrong.",
        ],
        Cause::Price => [
            "We understand your frustration about {problem}, and we're sorry it left a bad taste.",
            "Thank you for being candid about {problem}; we're sorry the {product} didn't feel worth it.",
            "We're sorry the {product} didn't feel like good value, and we hear you on {problem}.",
        ],
        Cause::Malicious => [
            "Thank you for your review of the {product}. We will check our records on {problem} carefully.",
            "Thank you for your feedback on the {product}. We will look into {problem} against our order records.",
            "Thank you for the review. We will go through {problem} point by point against our records for the {product}.",
        ],
        Cause::Misattributed => [
            "Thank you for your feedback. When we checked, {problem} did not seem to match our {product}.",
            "Thank you for the review. Reading about {problem} closely, it may describe an order from another shop rather than our {product}.",
            "Thank you for taking the time to write. The details of {problem} don't match our records for the {product}, and we're sorry for any confusion.",
        ],
        Cause::Other => [
            "We're sorry your order didn't work out, and we apologise for {problem}.",
            "Thank you for telling us about {problem} with your {product}; we're sorry it disappointed you.",
            "We're sorry about {problem} with your {product}, and we want to make it right.",
        ],
    }
}

fn ask(cause: Cause) -> [&'static str; 3] {
    match cause {
        Cause::Quality => [
            "Could you send us a photo or a short video of the problem? It helps us sort it out fast.",
            "Could you tell us roughly when the problem started, and send a photo if you can?",
            "If you can reply with a photo of the problem and confirm {order}, we'll get started straight away.",
        ],
        Cause::NotAsDescribed => [
            "Could you send a photo of what arrived and tell us what differs from the listing?",
            "Could you tell us the size you usually wear or what you needed it for? We'll check it against our stock.",
            "A couple of photos of the item would help us compare it with the listing and the batch it came from.",
        ],
        Cause::Logistics => [
            "Could you tell us what the tracking shows on your side? We will check it too.",
            "If the box or the item is damaged, could you send us a photo?",
            "Could you confirm the delivery address on {order} so we can follow it up?",
        ],
        Cause::Packaging => [
            "Could you send a photo of the box and the item so we can see where it went wrong?",
            "Could you let us know whether the item itself was affected? A photo would help.",
            "A photo of the packaging as it arrived would help us fix this with our packers.",
        ],
        Cause::Service => [
            "Could you tell us roughly when you contacted us and what you needed? We'll look into it.",
            "Is the original problem still unsolved? Please tell us where things stand.",
            "Could you share a few details of the conversation so we can review it properly?",
        ],
        Cause::ShippingError => [
            "Could you send a photo of what arrived and the packing slip?",
            "Could you tell us which items are missing or wrong? We'll check them against {order}.",
            "A quick photo of what you received would let us put this right today.",
        ],
        Cause::Price => [
            "Could you send us a screenshot of the price you paid?",
            "Could you tell us the date you ordered? We'll check the price history.",
            "Which price did you see? A screenshot would help us check.",
        ],
        Cause::Malicious => [
            "If there is a problem with the item, please send us the order number and photos and we will follow our usual process.",
            "If something is wrong with the item, please tell us what and send photos so we can check.",
            "Please send us the details and any photos of the problem so we can review them.",
        ],
        Cause::Misattributed => [
            "Could you tell us which shop and date the order was from? We're happy to help check.",
            "Could you check which order this review belongs to?",
            "If it was our item, please send the order number and a photo and we'll act on it.",
        ],
        Cause::Other => [
            "Could you tell us a bit more about what happened? Photos help if you have them.",
            "Could you let us know what disappointed you most, so we fix the right thing?",
            "If you're willing, please share the details so we can look into it properly.",
        ],
    }
}

fn ask_public(cause: Cause) -> [&'static str; 3] {
    match cause {
        Cause::Misattributed => [
            "If you can, please tell us via {im} which shop the order came from.",
            "Please send us the order number via {im} so we can check together.",
            "",
        ],
        Cause::Malicious => [
            "If there is a problem with the item, please send the order number and photos via {im}.",
            "Please send any photos of the problem via {im} so we can review them.",
            "",
        ],
        _ => [
            "Please send us a few details or a photo via {im} so we can help quickly.",
            "If you can, reply via {im} with a photo of the problem.",
            "",
        ],
    }
}

fn remedy_public(cause: Cause) -> [&'static str; 3] {
    match cause {
        Cause::Malicious => [
            "If the item turns out to be faulty, we will {remedy}, as we would for any customer.",
            "Where an item has a genuine fault, we always {remedy}.",
            "For any order with a confirmed problem, we {remedy}.",
        ],
        Cause::Misattributed => [
            "If the problem is with one of our products, we will {remedy}.",
            "If it turns out to be our item, we will {remedy}.",
            "Whenever one of our products is at fault, we {remedy}.",
        ],
        _ => [
            "We're reaching out privately to {remedy}.",
            "We'd like to {remedy}, and we'll arrange the details with you directly.",
            "We can {remedy}, and someone from our team will follow up.",
        ],
    }
}

fn remedy_private(cause: Cause) -> [&'static str; 3] {
    match cause {
        Cause::Malicious => [
            "If the item turns out to be faulty, we will {remedy}, exactly as we would for any customer.",
            "If there is a genuine fault, we will {remedy} under the usual rules.",
            "Once a problem with the item is confirmed, we will {remedy}.",
        ],
        Cause::Misattributed => [
            "If the problem is with one of our products, we will {remedy}.",
            "If it does turn out to be our item, we will {remedy}, no question.",
            "Whenever one of our products is at fault, we {remedy}.",
        ],
        _ => [
            "We can {remedy}. Would that work for you?",
            "Here is what we'd like to do: {remedy}. If you'd prefer something else, just say.",
            "We'll see this through, and we can {remedy}. Just tell us what works best for you.",
        ],
    }
}

pub(super) fn change(cause: Cause) -> [&'static str; 3] {
    match cause {
        Cause::Quality => [
            "We will re-check the rest of this batch and report the fault to our supplier.",
            "We will tighten our checks before dispatch, with this problem on the list.",
            "We will work with the maker to find the cause, and inspect every unit before it ships.",
        ],
        Cause::NotAsDescribed => [
            "We will re-shoot the product photos and add clearer size and colour notes to the listing.",
            "We will go through the listing line by line so it matches what arrives.",
            "We will add a note about this to the listing so the next buyer knows what to expect.",
        ],
        Cause::Logistics => [
            "We will raise this with our delivery partner and keep tracking handovers more closely.",
            "From now on we will watch every order's tracking and step in as soon as something stalls.",
            "Going forward, we will change how and when we ship so orders reach people faster.",
        ],
        Cause::Packaging => [
            "We will switch to sturdier packaging with more protective filling.",
            "Going forward, we will change how we pack fragile and spill-prone items and reinforce each one.",
            "We will upgrade our packing materials and check every seal before dispatch.",
        ],
        Cause::Service => [
            "We will change our support rota so every message gets an answer the same day.",
            "Going forward, we will train our team to listen first and then solve the problem.",
            "From now on the shop owner will follow up on every after-sales issue personally.",
        ],
        Cause::ShippingError => [
            "Going forward, we will add a checklist at packing so every order is checked before it leaves.",
            "We will find out what went wrong and give every order a second check after picking.",
            "We will improve our warehouse process so this mistake doesn't happen again.",
        ],
        Cause::Price => [
            "We will announce price changes in advance from now on.",
            "Going forward, we will review our pricing and options so every order feels worth it.",
            "We will add our price-protection terms to the listing so they are easy to find.",
        ],
        Cause::Malicious => [
            "We will share the records with the platform for review, and we keep inspecting every order as usual.",
            "We will report this to the platform, and we continue to inspect every order before dispatch.",
            "We will keep our order and delivery records for the platform's review, and we inspect every parcel before it ships.",
        ],
        Cause::Misattributed => [
            "We will also make our shop and product details clearer so they are easy to tell apart.",
            "To avoid mix-ups, we will include a shop card in every parcel.",
            "We will add our shop name to the listing so it is easy to recognise.",
        ],
        Cause::Other => [
            "Going forward, we will work through your feedback point by point.",
            "We will pass this on to the whole team and improve.",
            "We will adjust our products and service based on feedback like yours.",
        ],
    }
}

const INVITE_PUBLIC: [&str; 3] = [
    "We're always happy to help.",
    "You're welcome to contact us any time.",
    "We hope to welcome you back.",
];

const INVITE_PRIVATE: [&str; 3] = [
    "If anything else comes up, reply here any time; we're here to help.",
    "Sorry again for the trouble. Just reply to this message whenever you need us.",
    "Thank you for giving us the chance to put this right. We hope to welcome you back soon.",
];

const GREETING_PRIVATE: [&str; 3] = [
    "Hi {buyer|there}, this is {operator} from {shop}. I've just read your review.",
    "Hello {buyer|there}, I'm {operator} and I look after orders at {shop}.",
    "Hi {buyer|there}, {operator} from {shop} here, getting in touch about {order}.",
];

const SIGNOFF_PUBLIC: [&str; 3] = ["{signoff}", "{signoff}", "{signoff}"];
const SIGNOFF_PRIVATE: [&str; 3] = [
    "\n\nBest regards,\n{signoff}",
    "\n\nKind regards,\n{signoff}",
    "\n\nWarm wishes,\n{signoff}",
];

const PHONE_IDENTITY: [&str; 3] = [
    "[Step 1: confirm who you're speaking to]\n\"Hello, am I speaking with {buyer|the person who placed this order}?\"\n(Pause and let them answer before you go on.)",
    "[Step 1: confirm who you're speaking to]\n\"Hi, sorry to call out of the blue. Is this {buyer|the account holder for this order}?\"\n(Wait for them to confirm; don't guess how to address them.)",
    "[Step 1: confirm who you're speaking to]\n\"Hello, could I speak with {buyer|the person who ordered from us}, please?\"\n(Let them speak first.)",
];

const PHONE_INTRO: [&str; 3] = [
    "\n\n[Step 2: say who you are and apologise]\n\"This is {operator} from {shop}. I'm calling about the {product} on {order}.",
    "\n\n[Step 2: say who you are and apologise]\n\"This is {operator}; I look after orders at {shop}, and I saw your review of the {product}.",
    "\n\n[Step 2: say who you are and apologise]\n\"I'm {operator} from {shop}; do you have two minutes to talk about the {product} you ordered?",
];

const PHONE_APOLOGY: [&str; 3] = [
    "Again, I'm really sorry for the trouble.\"",
    "I do apologise that you had to deal with this.\"",
    "I'm sorry this took up your time.\"",
];

const PHONE_REMEDY: [&str; 3] = [
    "\n\n[Step 3: agree a remedy and a time]\n\"Here's what we can do: {remedy}. Would that work for you?",
    "\n\n[Step 3: agree a remedy and a time]\n\"I'd like to {remedy}. How does that sound?",
    "\n\n[Step 3: agree a remedy and a time]\n\"We can {remedy}; if you'd prefer something else, just tell me.",
];

const PHONE_REMEDY_MALICIOUS: [&str; 3] = [
    "\n\n[Step 3: explain the process and agree a time]\n\"If the item turns out to be faulty, we will {remedy}, as we would for any customer.",
    "\n\n[Step 3: explain the process and agree a time]\n\"If there is a genuine fault, we will {remedy} under the usual rules.",
    "\n\n[Step 3: explain the process and agree a time]\n\"Once a problem with the item is confirmed, we will {remedy}.",
];

const PHONE_REMEDY_MISATTRIBUTED: [&str; 3] = [
    "\n\n[Step 3: agree next steps and a time]\n\"If the problem is with one of our products, we will {remedy}.",
    "\n\n[Step 3: agree next steps and a time]\n\"If it turns out to be our item, we will {remedy}, no question.",
    "\n\n[Step 3: agree next steps and a time]\n\"Whenever one of our products is at fault, we {remedy}.",
];

const PHONE_CLOSE: [&str; 3] = [
    "I'll call you back {followup} to check how things stand. Does that time suit you?\"\n(Settle on a time that suits them and note it on the case.)\n\"Sorry once more, and thank you for your patience. You can reach us any time via {im}.\"",
    "Shall we say I'll get back to you {followup}?\"\n(If that doesn't suit them, agree another specific time and note it on the case.)\n\"I'm sorry again about all this, and thank you for hearing me out. Do contact us whenever you need.\"",
    "I'll check in with you {followup} to confirm everything is sorted, if that's all right?\"\n(Note the agreed time on the case so you're reminded.)\n\"Once again, my apologies. We hope to see you back, and you can reach us via {im} any time.\"",
];

pub(super) fn slots(channel: super::Channel, cause: Cause) -> Slots {
    use super::Channel::*;
    match channel {
        Public => vec![
            opening(cause),
            ask_public(cause),
            remedy_public(cause),
            change(cause),
            INVITE_PUBLIC,
            SIGNOFF_PUBLIC,
        ],
        Private => vec![
            GREETING_PRIVATE,
            opening(cause),
            ask(cause),
            remedy_private(cause),
            change(cause),
            INVITE_PRIVATE,
            SIGNOFF_PRIVATE,
        ],
        Phone => vec![
            PHONE_IDENTITY,
            PHONE_INTRO,
            opening(cause),
            ask(cause),
            PHONE_APOLOGY,
            match cause {
                Cause::Malicious => PHONE_REMEDY_MALICIOUS,
                Cause::Misattributed => PHONE_REMEDY_MISATTRIBUTED,
                _ => PHONE_REMEDY,
            },
            change(cause),
            PHONE_CLOSE,
        ],
    }
}

pub(super) const JOIN: &str = " ";
