//! Cost of resolving a catalog entry's texts in a language (criterion;
//! figures in `target/criterion`):
//!
//! - `catalog/lookup`: finding the entry of a raw code, no text (the
//!   in-run baseline: what resolution adds is the rest);
//! - `catalog/title/<lang>`: the entry's title from its Fluent message;
//! - `catalog/report/<lang>`: title, message and every step, as an error
//!   report resolves them.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use keyslot_core::catalog::{self, Provider};
use keyslot_core::locale::Lang;

fn catalog(c: &mut Criterion) {
    let mut group = c.benchmark_group("catalog");
    // The warm-up parses each language's catalog.ftl, as the app's first
    // error does; what is measured is every error after it.
    let find = || {
        catalog::lookup(
            Provider::Geckoguard,
            black_box("HWID_MISMATCH"),
            Some("authorize"),
            None,
        )
    };
    group.bench_function("lookup", |b| b.iter(find));
    for lang in Lang::ALL {
        group.bench_function(format!("title/{}", lang.id()), |b| {
            b.iter(|| find().title(lang))
        });
        group.bench_function(format!("report/{}", lang.id()), |b| {
            b.iter(|| {
                let entry = find();
                (entry.title(lang), entry.message(lang), entry.steps(lang))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, catalog);
criterion_main!(benches);
