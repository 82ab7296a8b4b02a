//! The CLI's language: `--lang`, else `KEYSLOT_LANG`, else the locale of
//! `LC_ALL`, `LC_MESSAGES` or `LANG`; English when none names one it has.

use std::process::{Command, Output};

use keyslot_core::catalog::{self, Provider};
use keyslot_core::locale::Lang;

const BIN: &str = env!("CARGO_BIN_EXE_keyslot");

/// `keyslot ARGS` with only `env` (and `PATH`) set.
fn keyslot(args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(BIN)
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .envs(env.iter().copied())
        .output()
        .expect("runs")
}

fn title_of_1705(lang: Lang) -> String {
    catalog::lookup(Provider::LicenseApi, "1705", None, None).title(lang)
}

/// Flags, environment, and the language expected.
type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], Lang);

#[test]
fn the_language_comes_from_the_flag_then_keyslot_lang_then_the_locale() {
    let cases: [Case<'_>; 6] = [
        (&[], &[], Lang::En),
        (&[], &[("LANG", "ja_JP.UTF-8")], Lang::Ja),
        (
            &[],
            &[("LANG", "de_DE.UTF-8"), ("LC_ALL", "C.UTF-8")],
            Lang::En,
        ),
        (
            &[],
            &[("LANG", "ja_JP.UTF-8"), ("KEYSLOT_LANG", "de")],
            Lang::De,
        ),
        (&["--lang", "en"], &[("KEYSLOT_LANG", "de")], Lang::En),
        (&["--lang", "ja"], &[("LANG", "de_AT.UTF-8")], Lang::Ja),
    ];
    for (flags, env, lang) in cases {
        let mut args = vec!["explain", "license-api", "1705"];
        args.extend_from_slice(flags);
        let out = keyslot(&args, env);
        assert_eq!(out.status.code(), Some(0), "{flags:?} {env:?}");
        let text = String::from_utf8(out.stdout).expect("UTF-8");
        assert_eq!(
            text.lines().next(),
            Some(title_of_1705(lang).as_str()),
            "{flags:?} {env:?}"
        );
    }
    assert_ne!(title_of_1705(Lang::De), title_of_1705(Lang::En));
}

#[test]
fn the_catalog_prints_in_german_with_lang_de() {
    let out = keyslot(&["catalog", "--json", "--lang", "de"], &[]);
    assert_eq!(out.status.code(), Some(0));
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let german = serde_json::to_value(catalog::rows(Lang::De)).expect("JSON");
    assert_eq!(printed, german);
    let english = serde_json::to_value(catalog::rows(Lang::En)).expect("JSON");
    let rows = printed.as_array().expect("rows").len();
    let translated = (0..rows)
        .filter(|&i| printed[i]["title"] != english[i]["title"])
        .count();
    assert_eq!(translated, rows, "every title is German");
}

#[test]
fn a_language_keyslot_lacks_is_refused_with_the_ones_it_has() {
    let out = keyslot(&["catalog", "--lang", "fr"], &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("en, de, ja"), "{err}");
}
