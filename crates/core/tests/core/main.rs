//! Integration tests of keyslot-core.

mod catalog;
