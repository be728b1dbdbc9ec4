//! Desktop notifications that lead somewhere: a click on one brings the window forward on
//! the case it is about (or on Today when it covers several cases). Every notification the
//! app shows goes through `show`, so each one carries where it leads.

use haoping_core::followup::NoticeOpen;
use tauri::{AppHandle, Emitter, Manager, Runtime};
use tauri_plugin_notification::{Action, ActionPerformed, ActionType, NotificationExt};

/// Tells the window to open what a clicked notification is about (payload `NoticeOpen`).
pub const OPEN_EVENT: &str = "notice://open";

/// A click on the notification itself arrives as `tap` (the plugin offers the freedesktop
/// servers' "default" action on Linux and reports it so); macOS and Windows also show an
/// "open" button, reported under this name.
const OPEN_ACTION: &str = "default";
const CASE_KEY: &str = "case_id";

/// Where a notification leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Case(i64),
    Today,
}

impl From<Option<i64>> for Target {
    fn from(case: Option<i64>) -> Self {
        case.map_or(Target::Today, Target::Case)
    }
}

fn action_type(english: bool) -> &'static str {
    if english {
        "open-en"
    } else {
        "open-zh"
    }
}

/// Registers the "open" action in both languages and the click handler. Must run before
/// the first notification is shown: earlier ones would report nothing.
pub fn install<R: Runtime>(app: &AppHandle<R>) {
    let notifications = app.notification();
    let types = [(false, "打开"), (true, "Open")]
        .into_iter()
        .map(|(english, label)| {
            ActionType::builder(action_type(english))
                .actions(vec![Action::builder(OPEN_ACTION, label).build()])
                .build()
        })
        .collect();
    if let Err(e) = notifications.register_action_types(types) {
        log::warn!("notification actions not registered: {e}");
    }
    let handle = app.clone();
    let registered = notifications.on_action(move |performed: &ActionPerformed| {
        if let Some(request) = open_request(performed) {
            open(&handle, &request);
        }
    });
    if let Err(e) = registered {
        log::warn!("notification clicks will not be reported: {e}");
    }
}

/// Shows a notification leading to `target`.
pub fn show<R: Runtime>(
    app: &AppHandle<R>,
    title: &str,
    body: &str,
    target: Target,
    english: bool,
) {
    let mut builder = app.notification().builder().title(title).body(body);
    // On Linux the click itself is the action; a button would only repeat it.
    if cfg!(any(windows, target_os = "macos")) {
        builder = builder.action_type_id(action_type(english));
    }
    if let Target::Case(id) = target {
        builder = builder.extra(CASE_KEY, id);
    }
    if let Err(e) = builder.show() {
        log::warn!("notification not shown: {e}");
    }
}

/// A click on the notification or on its "open" button opens it; anything else (a
/// dismissal reported by the platform) does not.
fn open_request(performed: &ActionPerformed) -> Option<NoticeOpen> {
    if !matches!(performed.action_id(), "tap" | OPEN_ACTION) {
        return None;
    }
    let case_id = performed
        .notification()
        .and_then(|n| n.extra().get(CASE_KEY))
        .and_then(serde_json::Value::as_i64);
    Some(NoticeOpen { case_id })
}

fn open<R: Runtime>(app: &AppHandle<R>, request: &NoticeOpen) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.unminimize();
        let _ = w.show();
        let _ = w.set_focus();
    }
    if let Err(e) = app.emit(OPEN_EVENT, request) {
        log::warn!("could not open the notification's case: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn performed(action: &str, extra: serde_json::Value) -> ActionPerformed {
        serde_json::from_value(json!({
            "actionId": action,
            "inputValue": null,
            "notification": { "id": 0, "title": "好评", "extra": extra },
        }))
        .expect("the plugin's payload shape")
    }

    #[test]
    fn a_click_opens_the_case_the_notification_carries() {
        let req = open_request(&performed("tap", json!({ "case_id": 42 })));
        assert_eq!(req, Some(NoticeOpen { case_id: Some(42) }));
        let req = open_request(&performed("default", json!({ "case_id": 7 })));
        assert_eq!(req, Some(NoticeOpen { case_id: Some(7) }));
    }

    #[test]
    fn a_click_on_a_grouped_notification_opens_today() {
        let req = open_request(&performed("tap", json!({})));
        assert_eq!(req, Some(NoticeOpen { case_id: None }));
        assert_eq!(serde_json::to_value(req).expect("json"), json!({}));
    }

    #[test]
    fn a_dismissal_opens_nothing() {
        assert_eq!(
            open_request(&performed("dismiss", json!({ "case_id": 1 }))),
            None
        );
    }
}
