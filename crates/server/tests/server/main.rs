//! Server tests (filled in below).
