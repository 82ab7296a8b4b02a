//! Integration tests of the reference server: through `oneshot` with an
//! injected clock, over a real listener on 127.0.0.1:0, and as the real binary.

mod api_fuzz;
mod binary;
mod concurrency;
mod errors;
mod fuzz;
mod journey;
mod leases;
mod offline;
mod openapi;
mod proxies;
mod request_log;
mod serve_lock;
mod support;
