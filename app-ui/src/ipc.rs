//! The one place the screens talk to the shell: `window.__TAURI__.core.invoke`, typed
//! by the IPC contract ([`ponte_ipc::cmd`]): `call::<cmd::List>(&args)` sends
//! `{"args": args}` under the command's name and reads the contract's answer. Every
//! failure becomes an [`IpcError`] code.

use ponte_ipc::IpcError;
use ponte_ipc::cmd::{self, Command};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], js_name = invoke, catch)]
    async fn tauri_invoke(cmd: &str, args: JsValue) -> Result<JsValue, JsValue>;
}

/// The one argument object every command takes: `{"args": ...}`.
#[derive(Serialize)]
struct Envelope<'a, A> {
    args: &'a A,
}

/// Call the shell's command `C` with its argument struct.
pub async fn call<C: Command>(args: &C::Args) -> Result<C::Output, IpcError> {
    debug_assert_eq!(cmd::ARGS_KEY, "args");
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let args = Envelope { args }
        .serialize(&serializer)
        .map_err(|_| IpcError::code("ipc"))?;
    match tauri_invoke(C::NAME, args).await {
        Ok(value) => serde_wasm_bindgen::from_value(value).map_err(|_| IpcError::code("ipc")),
        Err(error) => {
            Err(serde_wasm_bindgen::from_value(error).unwrap_or_else(|_| IpcError::code("ipc")))
        }
    }
}
