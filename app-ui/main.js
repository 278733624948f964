// Loads the screens (wasm) once the page is ready. A file, not an inline script, so the
// content security policy can forbid inline scripts.
import init from './ponte-app-ui.js';
init();
