//! The IPC commands, one file per area. Each takes `State`, calls the service
//! and maps the error to its report; nothing else.

pub mod about;
pub mod clipboard;
pub mod demo;
pub mod devices;
pub mod language;
pub mod license;
pub mod links;
pub mod offline;
pub mod support;
