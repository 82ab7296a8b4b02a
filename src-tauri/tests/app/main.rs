//! Shell tests: the committed TypeScript bindings are current, the window
//! may call the app's own commands and nothing else, and the commands reach
//! the service through Tauri's IPC (mock runtime, real reference server over
//! HTTP).

mod bindings;
mod capabilities;
mod commands;
mod data_dir;
mod offline;
mod shell;
