//! Fuzzing every decoder of `keyslot-protocol` that reads bytes from
//! outside: request bodies and their schema, the signing headers and
//! signatures, leases and key sets, offline request codes. Each target is a `fuzz_…` test of
//! `keyslot_fuzz::check` (256 cases; `PROPTEST_CASES` for more, as
//! `scripts/fuzz.sh` runs them).

mod lease;
mod offline;
mod request;
mod signing;

/// A machine fingerprint (64 lowercase hex).
const FPR: &str = "5f0c6e8a2b1d4f3e9a7c0b2d4e6f8a1c3e5b7d9f0a2c4e6b8d0f1a3c5e7b9d2f";
