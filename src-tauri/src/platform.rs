//! What each desktop expects of an app that keeps running in the tray or menu bar.

use tauri::{AppHandle, RunEvent, Runtime};

/// At start. macOS: asks for the permission to show notifications. The system asks the
/// owner once and remembers the answer, so the question comes with the first start rather
/// than with the first reminder, possibly while nobody is looking.
pub fn on_start<R: Runtime>(app: &AppHandle<R>) {
    #[cfg(target_os = "macos")]
    macos::ask_notification_permission();
    let _ = app;
}

/// Events of the running app. macOS: a click on the Dock icon while the window is closed
/// to the menu bar brings the window back. Quitting from the Dock, from the app menu (⌘Q)
/// and from the menu-bar icon ends the app; only closing the window keeps it running.
pub fn on_event<R: Runtime>(app: &AppHandle<R>, event: &RunEvent) {
    #[cfg(target_os = "macos")]
    if let RunEvent::Reopen {
        has_visible_windows: false,
        ..
    } = event
    {
        crate::tray::show_main_window(app);
    }
    let _ = (app, event);
}

#[cfg(target_os = "macos")]
mod macos {
    use block2::RcBlock;
    use objc2::runtime::Bool;
    use objc2_foundation::NSError;
    use objc2_user_notifications::{UNAuthorizationOptions, UNUserNotificationCenter};

    /// Only an app started from its bundle has a notification center; a bare development
    /// binary asking for one is stopped by the system.
    fn in_app_bundle() -> bool {
        std::env::current_exe()
            .map(|p| p.to_string_lossy().contains(".app/Contents/MacOS/"))
            .unwrap_or(false)
    }

    pub fn ask_notification_permission() {
        if !in_app_bundle() {
            return;
        }
        let center = UNUserNotificationCenter::currentNotificationCenter();
        let answered = RcBlock::new(|granted: Bool, _error: *mut NSError| {
            log::info!("notifications allowed: {}", granted.as_bool());
        });
        center.requestAuthorizationWithOptions_completionHandler(
            UNAuthorizationOptions::Alert | UNAuthorizationOptions::Sound,
            &answered,
        );
    }
}
