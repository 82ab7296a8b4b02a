//! The Fluent files under `locales/`: every language has every message of
//! English, with the same attributes and no variable English lacks; no
//! translation equals the English unless `locales/same-as-english.txt`
//! says why; every catalog code has its texts, and no catalog text is
//! without a code.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast;
use keyslot_core::catalog::{self, Origin};
use keyslot_core::locale::Lang;

/// A message (or `message.attribute`) id, and its pattern.
type Patterns = BTreeMap<String, ast::Pattern<String>>;

fn locales() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../locales")
}

/// The `.ftl` file names of `lang`.
fn files(lang: Lang) -> BTreeSet<String> {
    std::fs::read_dir(locales().join(lang.id()))
        .expect("the language's folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".ftl"))
        .collect()
}

/// Every message and attribute of `lang`'s `file`, refusing a syntax error.
fn patterns(lang: Lang, file: &str) -> Patterns {
    let path = locales().join(lang.id()).join(file);
    let source = std::fs::read_to_string(&path).expect("readable");
    let resource = fluent_syntax::parser::parse(source)
        .unwrap_or_else(|(_, errors)| panic!("{}: syntax errors {errors:?}", path.display()));
    let mut out = Patterns::new();
    for entry in resource.body {
        if let ast::Entry::Message(message) = entry {
            let id = message.id.name;
            for attribute in message.attributes {
                let key = format!("{id}.{}", attribute.id.name);
                assert!(
                    out.insert(key, attribute.value).is_none(),
                    "{file}: {id} twice"
                );
            }
            if let Some(value) = message.value {
                assert!(
                    out.insert(id.clone(), value).is_none(),
                    "{file}: {id} twice"
                );
            }
        }
    }
    out
}

fn variables_of(pattern: &ast::Pattern<String>, found: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, found);
        }
    }
}

fn expression_variables(expression: &ast::Expression<String>, found: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, found);
            for variant in variants {
                variables_of(&variant.value, found);
            }
        }
        ast::Expression::Inline(inline) => inline_variables(inline, found),
    }
}

fn inline_variables(inline: &ast::InlineExpression<String>, found: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            found.insert(id.name.clone());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for positional in &arguments.positional {
                inline_variables(positional, found);
            }
            for named in &arguments.named {
                inline_variables(&named.value, found);
            }
        }
        ast::InlineExpression::Placeable { expression } => {
            expression_variables(expression, found);
        }
        _ => {}
    }
}

fn variables(pattern: &ast::Pattern<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    variables_of(pattern, &mut found);
    found
}

/// `locales/same-as-english.txt`: `<lang> <id> -- <reason>` per line.
fn allowed_same() -> HashSet<(String, String)> {
    let text = std::fs::read_to_string(locales().join("same-as-english.txt")).expect("readable");
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|line| {
            let (entry, reason) = line
                .split_once(" -- ")
                .unwrap_or_else(|| panic!("no reason given: {line:?}"));
            assert!(reason.trim().len() >= 10, "say why: {line:?}");
            let (lang, id) = entry.trim().split_once(' ').expect("<lang> <id>");
            (lang.to_owned(), id.trim().to_owned())
        })
        .collect()
}

#[test]
fn every_language_has_every_english_message_and_no_other() {
    let english_files = files(Lang::En);
    assert!(english_files.contains("catalog.ftl") && english_files.contains("core.ftl"));
    for lang in [Lang::De, Lang::Ja] {
        assert_eq!(files(lang), english_files, "{lang:?}: the same files");
        for file in &english_files {
            let english: BTreeSet<String> = patterns(Lang::En, file).into_keys().collect();
            let translated: BTreeSet<String> = patterns(lang, file).into_keys().collect();
            let missing: Vec<_> = english.difference(&translated).collect();
            let extra: Vec<_> = translated.difference(&english).collect();
            assert!(missing.is_empty(), "{lang:?} {file} lacks {missing:?}");
            assert!(
                extra.is_empty(),
                "{lang:?} {file} has what English lacks: {extra:?}"
            );
        }
    }
}

#[test]
fn translations_use_only_the_english_messages_variables() {
    for file in files(Lang::En) {
        let english = patterns(Lang::En, &file);
        for lang in [Lang::De, Lang::Ja] {
            for (id, pattern) in patterns(lang, &file) {
                let Some(source) = english.get(&id) else {
                    continue;
                };
                let unknown: Vec<String> = variables(&pattern)
                    .difference(&variables(source))
                    .cloned()
                    .collect();
                assert!(unknown.is_empty(), "{lang:?} {id} uses {unknown:?}");
            }
        }
    }
}

#[test]
fn no_translation_equals_the_english_unless_allowed_with_a_reason() {
    let allowed = allowed_same();
    let mut used = HashSet::new();
    for file in files(Lang::En) {
        let english = patterns(Lang::En, &file);
        for lang in [Lang::De, Lang::Ja] {
            for (id, pattern) in patterns(lang, &file) {
                if english.get(&id) != Some(&pattern) {
                    continue;
                }
                let key = (lang.id().to_owned(), id.clone());
                assert!(allowed.contains(&key), "{lang:?} {id} is the English text");
                used.insert(key);
            }
        }
    }
    let stale: Vec<_> = allowed.difference(&used).collect();
    assert!(stale.is_empty(), "allowed but translated: {stale:?}");
}

#[test]
fn every_code_has_its_texts_and_every_catalog_text_a_code() {
    let english = patterns(Lang::En, "catalog.ftl");
    let mut ids: BTreeSet<String> = catalog::rows(Lang::En)
        .into_iter()
        .map(|row| row.text_id)
        .collect();
    for status in [
        None,
        Some(400),
        Some(401),
        Some(403),
        Some(404),
        Some(409),
        Some(429),
        Some(500),
    ] {
        ids.insert(catalog::fallback(status).text_id());
    }
    for id in &ids {
        assert!(english.contains_key(id), "no title for {id}");
        assert!(
            english.contains_key(&format!("{id}.message")),
            "no message for {id}"
        );
        assert!(
            english.contains_key(&format!("{id}.step-1")),
            "no step for {id}"
        );
    }
    let titled: BTreeSet<String> = english
        .keys()
        .filter(|k| !k.contains('.'))
        .cloned()
        .collect();
    let orphans: Vec<_> = titled.difference(&ids).collect();
    assert!(orphans.is_empty(), "texts of no code: {orphans:?}");
}

#[test]
fn derived_ids_are_unique_across_origins() {
    let rows = catalog::rows(Lang::En);
    let mut seen = BTreeMap::new();
    for row in &rows {
        let origin = Origin::from_id(row.provider).expect("an origin");
        let entry = catalog::lookup(origin, row.code, row.context, row.http_status);
        let shared = row.text_id.starts_with("shared-");
        if !shared {
            let before = seen.insert(row.text_id.clone(), (row.provider, row.code, row.context));
            assert!(before.is_none(), "{} names two codes", row.text_id);
        }
        assert_eq!(entry.text_id(), row.text_id);
    }
}

#[test]
fn steps_are_numbered_from_one_without_gaps_in_every_language() {
    for lang in Lang::ALL {
        let all = patterns(lang, "catalog.ftl");
        for id in all.keys().filter(|k| k.contains(".step-")) {
            let (message, n) = id.split_once(".step-").expect("a step");
            let n: usize = n.parse().expect("numbered");
            for before in 1..n {
                assert!(
                    all.contains_key(&format!("{message}.step-{before}")),
                    "{lang:?} {id}"
                );
            }
        }
    }
}
