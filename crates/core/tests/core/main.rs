//! Integration tests of keyslot-core.

mod architecture;
mod catalog;
mod faults;
mod journey;
