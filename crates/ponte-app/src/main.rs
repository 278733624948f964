//! The desktop entry point: everything is in the library (`ponte_app::run`), which is
//! also the phone's entry point.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    ponte_app::run();
}
