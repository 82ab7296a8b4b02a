//! Integration tests of keyslot-core.

mod architecture;
mod catalog;
mod dialects;
mod faults;
mod journey;
