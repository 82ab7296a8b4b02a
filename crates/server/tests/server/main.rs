//! Integration tests of the reference server: through `oneshot` with an
//! injected clock, over a real listener on 127.0.0.1:0, and as the real binary.

mod api_fuzz;
mod binary;
mod concurrency;
mod deploy;
mod errors;
mod fuzz;
mod journey;
mod leases;
mod offline;
mod openapi;
mod pg;
mod proxies;
mod redis;
mod replicas;
mod request_log;
mod serve_lock;
mod shared_store;
mod support;
