//! Integration tests of keyslot-core.

mod catalog;
mod faults;
mod journey;
