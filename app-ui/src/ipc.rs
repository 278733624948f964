//! The one place the screens talk to the shell: `window.__TAURI__.core.invoke`, typed
//! with the shared `ponte-ipc` types. Every failure becomes an [`IpcError`] code.

use ponte_ipc::IpcError;
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], js_name = invoke, catch)]
    async fn tauri_invoke(cmd: &str, args: JsValue) -> Result<JsValue, JsValue>;
}

/// Call the shell's command `cmd` with `args` (an object of named arguments).
pub async fn call<A: Serialize, R: DeserializeOwned>(cmd: &str, args: &A) -> Result<R, IpcError> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let args = args
        .serialize(&serializer)
        .map_err(|_| IpcError::code("ipc"))?;
    match tauri_invoke(cmd, args).await {
        Ok(value) => serde_wasm_bindgen::from_value(value).map_err(|_| IpcError::code("ipc")),
        Err(error) => {
            Err(serde_wasm_bindgen::from_value(error).unwrap_or_else(|_| IpcError::code("ipc")))
        }
    }
}

/// No arguments.
#[derive(Serialize)]
pub struct NoArgs {}

/// Arguments naming one record.
#[derive(Serialize)]
pub struct IdArg {
    /// Record id (hex).
    pub id: String,
}

/// Arguments of `edit`.
#[derive(Serialize)]
pub struct EditArgs {
    /// Record id (hex).
    pub id: String,
    /// JSON merge patch.
    pub patch: serde_json::Value,
}

/// Arguments of `create`.
#[derive(Serialize)]
pub struct CreateArgs {
    /// Kind of record.
    pub kind: ponte_model::Kind,
    /// Its fields.
    pub fields: serde_json::Value,
}

/// Arguments of `set_prefs`.
#[derive(Serialize)]
pub struct PrefsArgs {
    /// The preferences to change.
    pub prefs: ponte_ipc::cmd::Prefs,
}
