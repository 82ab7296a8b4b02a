//! End-to-end tests of the Keyslot app live in `main.rs` (`cargo test -p keyslot-e2e`).
