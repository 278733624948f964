//! Tauri's build step: reads tauri.conf.json, the capabilities and the icon.
fn main() {
    tauri_build::build();
}
