//! The tray icon keeps Haoping running after its window is closed, so reminders still fire.

use tauri::menu::{Menu, MenuItem};
use tauri::tray::{MouseButton, MouseButtonState, TrayIconBuilder, TrayIconEvent};
use tauri::{AppHandle, Manager, Runtime};

pub const TRAY_ID: &str = "main";

/// The macOS menu bar wants a monochrome template image, which the system tints for light
/// and dark menu bars; elsewhere the tray shows the app's colour icon.
const MENU_BAR_ICON: &[u8] = include_bytes!("../../icons/tray-template.png");

pub fn show_main_window<R: Runtime>(app: &AppHandle<R>) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.unminimize();
        let _ = w.show();
        let _ = w.set_focus();
    }
}

/// Builds the tray. Returns false where the desktop has no tray, in which case closing the
/// window quits as usual rather than leaving an invisible app behind.
pub fn install<R: Runtime>(app: &AppHandle<R>) -> bool {
    let build = || -> tauri::Result<()> {
        let open = MenuItem::with_id(app, "open", "打开好评 / Open Haoping", true, None::<&str>)?;
        let quit = MenuItem::with_id(app, "quit", "退出 / Quit", true, None::<&str>)?;
        let menu = Menu::with_items(app, &[&open, &quit])?;
        let mut builder = TrayIconBuilder::with_id(TRAY_ID)
            .tooltip("好评 Haoping")
            .menu(&menu)
            .show_menu_on_left_click(false)
            .on_menu_event(|app, event| match event.id.as_ref() {
                "open" => show_main_window(app),
                "quit" => app.exit(0),
                _ => {}
            })
            .on_tray_icon_event(|tray, event| match event {
                TrayIconEvent::Click {
                    button: MouseButton::Left,
                    button_state: MouseButtonState::Up,
                    ..
                } => show_main_window(tray.app_handle()),
                // The counts in the tooltip age with the clock while the reminder loop
                // sleeps: a pointer over the icon asks for a fresh round (Windows, macOS;
                // Linux trays show no tooltip).
                TrayIconEvent::Enter { .. } => crate::scheduler::poke(tray.app_handle()),
                _ => {}
            });
        if cfg!(target_os = "macos") {
            builder = builder
                .icon(tauri::image::Image::from_bytes(MENU_BAR_ICON)?)
                .icon_as_template(true);
        } else if let Some(icon) = app.default_window_icon() {
            builder = builder.icon(icon.clone());
        }
        builder.build(app)?;
        Ok(())
    };
    match build() {
        Ok(()) => true,
        Err(e) => {
            log::warn!("no system tray: {e}");
            false
        }
    }
}

/// Shows `text` (e.g. today's counts) as the tray tooltip.
pub fn set_tooltip<R: Runtime>(app: &AppHandle<R>, text: &str) {
    if let Some(tray) = app.tray_by_id(TRAY_ID) {
        let _ = tray.set_tooltip(Some(text));
    }
}
