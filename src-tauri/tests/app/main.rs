//! Shell tests: the committed TypeScript bindings are current, and the
//! commands reach the service through Tauri's IPC (mock runtime, real
//! reference server over HTTP).

mod bindings;
mod commands;
mod data_dir;
