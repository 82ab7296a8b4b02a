//! Keyslot's languages and every text in them. Texts live in Project Fluent
//! files at the repository's root, `locales/<lang>/*.ftl`, compiled in:
//! `catalog.ftl` (the error catalog) and `core.ftl` (the core's other
//! words), which the app and the CLI resolve through `keyslot-core`, and
//! `offline.ftl` (the reference server's offline page) are resolved here;
//! `ui.ftl` is the window's, read by the UI with `@fluent/bundle`. A message
//! a language lacks falls back to English (the completeness tests keep that
//! from happening).

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use serde::{Deserialize, Serialize};

/// Values for a message's `{ $variables }`.
pub type Args<'a> = FluentArgs<'a>;

/// A language the app speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum Lang {
    /// English, the source language.
    En,
    /// German.
    De,
    /// Japanese.
    Ja,
}

/// The files of each language resolved here, in `Lang::ALL` order:
/// `core.ftl` (small, read at start-up) before `catalog.ftl` (read at the
/// first error), then `offline.ftl` (read by the server's offline page).
const SOURCES: [[&str; 3]; 3] = [
    [
        include_str!("../../../locales/en/core.ftl"),
        include_str!("../../../locales/en/catalog.ftl"),
        include_str!("../../../locales/en/offline.ftl"),
    ],
    [
        include_str!("../../../locales/de/core.ftl"),
        include_str!("../../../locales/de/catalog.ftl"),
        include_str!("../../../locales/de/offline.ftl"),
    ],
    [
        include_str!("../../../locales/ja/core.ftl"),
        include_str!("../../../locales/ja/catalog.ftl"),
        include_str!("../../../locales/ja/offline.ftl"),
    ],
];

/// One bundle per file of [`SOURCES`], each parsed when first read.
static BUNDLES: [[OnceLock<FluentBundle<FluentResource>>; 3]; 3] =
    [const { [const { OnceLock::new() }; 3] }; 3];

/// The language texts are resolved in when no caller names one.
static CURRENT: AtomicU8 = AtomicU8::new(0);

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 3] = [Self::En, Self::De, Self::Ja];

    /// The language's id, its BCP 47 tag: `en`, `de`, `ja`.
    pub const fn id(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::De => "de",
            Self::Ja => "ja",
        }
    }

    /// The language's name in itself, e.g. `Deutsch`.
    pub fn name(self) -> String {
        text(self, "language-name")
    }

    /// The language's name in English, for support, e.g. `German`.
    pub const fn english_name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::De => "German",
            Self::Ja => "Japanese",
        }
    }

    /// Reads a language tag or a POSIX locale: `de`, `de-AT`,
    /// `de_DE.UTF-8`, `ja_JP@…`; `None` for a language the app lacks.
    pub fn parse(tag: &str) -> Option<Self> {
        let lang = tag.split(['_', '-', '.', '@']).next()?;
        Self::ALL
            .into_iter()
            .find(|l| l.id().eq_ignore_ascii_case(lang))
    }

    /// The language the environment asks for: `KEYSLOT_LANG` if it names
    /// one the app has; else as gettext reads it: the first language of
    /// `LANGUAGE` the app has, then the locale of `LC_ALL`, else
    /// `LC_MESSAGES`, else `LANG` (`LANGUAGE` counts only when that locale
    /// is not `C`); English for `C`, `POSIX` and a language the app lacks.
    pub fn from_env() -> Self {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    fn from_vars(var: impl Fn(&str) -> Option<String>) -> Self {
        if let Some(lang) = var("KEYSLOT_LANG").as_deref().and_then(Self::parse) {
            return lang;
        }
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .find_map(|name| var(name).filter(|v| !v.is_empty()));
        let Some(locale) = locale else {
            return Self::En;
        };
        if locale == "C" || locale.starts_with("C.") || locale == "POSIX" {
            return Self::En;
        }
        let priority = var("LANGUAGE").unwrap_or_default();
        priority
            .split(':')
            .chain([locale.as_str()])
            .find_map(Self::parse)
            .unwrap_or(Self::En)
    }

    /// The language of this process's texts (English until set).
    pub fn current() -> Self {
        Self::ALL[usize::from(CURRENT.load(Ordering::Relaxed))]
    }

    /// Makes `self` the language of this process's texts.
    pub fn set_current(self) {
        CURRENT.store(self as u8, Ordering::Relaxed);
    }

    /// The bundles of this language's files, parsed as they are reached.
    fn bundles(self) -> impl Iterator<Item = &'static FluentBundle<FluentResource>> {
        let lang = self as usize;
        (0..SOURCES[lang].len())
            .map(move |file| BUNDLES[lang][file].get_or_init(|| bundle(self, SOURCES[lang][file])))
    }
}

fn bundle(lang: Lang, source: &str) -> FluentBundle<FluentResource> {
    let id = lang.id().parse().expect("the ids are BCP 47 tags");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // No Unicode isolation marks around values: they would reach terminals.
    bundle.set_use_isolating(false);
    // A file with a syntax error still gives its good messages (the tests
    // refuse such a file); a duplicate id keeps the first.
    let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(r, _)| r);
    let _ = bundle.add_resource(resource);
    bundle
}

/// The bundle of `lang` that has message `id`.
fn holding(lang: Lang, id: &str) -> Option<&'static FluentBundle<FluentResource>> {
    lang.bundles().find(|b| b.has_message(id))
}

/// Resolves message `id` (its value, or `attribute`'s) in `lang`, else in
/// English; `None` when neither has it.
fn resolve(lang: Lang, id: &str, attribute: Option<&str>, args: Option<&Args>) -> Option<String> {
    [lang, Lang::En]
        .into_iter()
        .find_map(|lang| resolve_in(lang, id, attribute, args))
}

/// Resolves message `id` (its value, or `attribute`'s) in `lang` only.
fn resolve_in(
    lang: Lang,
    id: &str,
    attribute: Option<&str>,
    args: Option<&Args>,
) -> Option<String> {
    let bundle = holding(lang, id)?;
    let message = bundle.get_message(id)?;
    let pattern = match attribute {
        Some(name) => message.get_attribute(name)?.value(),
        None => message.value()?,
    };
    let mut errors = Vec::new();
    Some(
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned(),
    )
}

/// Message `id` in `lang`, else English; `None` when no language has it.
pub fn try_text(lang: Lang, id: &str) -> Option<String> {
    resolve(lang, id, None, None)
}

/// Message `id` in `lang` (English when `lang` lacks it; the id itself when
/// no language has it, which the completeness tests refuse).
pub fn text(lang: Lang, id: &str) -> String {
    try_text(lang, id).unwrap_or_else(|| id.to_owned())
}

/// Message `id` in `lang` with its `{ $variables }` from `args`.
pub fn text_with(lang: Lang, id: &str, args: &Args) -> String {
    resolve(lang, id, None, Some(args)).unwrap_or_else(|| id.to_owned())
}

/// Attribute `attribute` of message `id` in `lang`.
pub fn attribute(lang: Lang, id: &str, attribute: &str) -> String {
    resolve(lang, id, Some(attribute), None).unwrap_or_else(|| format!("{id}.{attribute}"))
}

/// The `.step-1`, `.step-2`, … attributes of message `id` in `lang`, in
/// order: all from `lang`, or all from English when `lang` lacks the message.
pub fn steps(lang: Lang, id: &str) -> Vec<String> {
    let lang = if holding(lang, id).is_some() {
        lang
    } else {
        Lang::En
    };
    (1..)
        .map_while(|n| resolve_in(lang, id, Some(&format!("step-{n}")), None))
        .collect()
}

/// A time, roughly, in `lang`: `2 days`, `5 hours`, `12 minutes`, `40
/// seconds` (the largest unit of which there are at least two).
pub fn span(lang: Lang, secs: u64) -> String {
    let (count, unit) = match secs {
        s if s >= 2 * 86_400 => (s / 86_400, "days"),
        s if s >= 2 * 3600 => (s / 3600, "hours"),
        s if s >= 120 => (s / 60, "minutes"),
        s => (s, "seconds"),
    };
    let mut args = Args::new();
    args.set("count", count);
    args.set("unit", unit);
    text_with(lang, "time-span", &args)
}

/// A date as people of `lang` read it (UTC), its form message `date`:
/// `Fri 11 Dec 2026`, `Fr., 11. Dez. 2026`, `2026年12月11日（金）`.
pub fn date(lang: Lang, unix: i64) -> String {
    let Ok(at) = time::OffsetDateTime::from_unix_timestamp(unix) else {
        return String::new();
    };
    let mut names = Args::new();
    names.set("weekday", at.weekday().number_from_monday());
    names.set("month", u8::from(at.month()));
    let mut args = Args::new();
    args.set("weekday", text_with(lang, "weekday-short", &names));
    args.set("month", text_with(lang, "month-short", &names));
    // As text: a number would be formatted (a year is not `2,026`).
    args.set("day", at.day().to_string());
    args.set("year", at.year().to_string());
    text_with(lang, "date", &args)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        |name| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn locales_and_tags_name_their_language() {
        for (tag, lang) in [
            ("de", Some(Lang::De)),
            ("de-AT", Some(Lang::De)),
            ("de_DE.UTF-8", Some(Lang::De)),
            ("ja_JP.UTF-8@cjknarrow", Some(Lang::Ja)),
            ("EN_gb", Some(Lang::En)),
            ("fr_FR.UTF-8", None),
            ("", None),
        ] {
            assert_eq!(Lang::parse(tag), lang, "{tag:?}");
        }
    }

    #[test]
    fn the_environment_is_read_as_gettext_reads_it() {
        let cases: [(&[(&str, &str)], Lang); 10] = [
            (&[], Lang::En),
            (&[("KEYSLOT_LANG", "ja"), ("LANG", "de_DE.UTF-8")], Lang::Ja),
            (&[("KEYSLOT_LANG", "fr"), ("LANG", "de_DE.UTF-8")], Lang::De),
            (&[("LANG", "de_DE.UTF-8"), ("LANGUAGE", "ja")], Lang::Ja),
            (&[("LANG", "de_DE.UTF-8")], Lang::De),
            (
                &[("LANG", "de_DE.UTF-8"), ("LC_MESSAGES", "ja_JP.UTF-8")],
                Lang::Ja,
            ),
            (&[("LC_ALL", "C.UTF-8"), ("LANG", "de_DE.UTF-8")], Lang::En),
            (&[("LANG", "fr_FR.UTF-8")], Lang::En),
            (
                &[("LANG", "fr_FR.UTF-8"), ("LANGUAGE", "fr:ja:de")],
                Lang::Ja,
            ),
            (&[("LANG", "C"), ("LANGUAGE", "de")], Lang::En),
        ];
        for (env, lang) in cases {
            assert_eq!(Lang::from_vars(vars(env)), lang, "{env:?}");
        }
    }

    #[test]
    fn a_message_no_language_has_comes_out_as_its_id() {
        assert_eq!(text(Lang::De, "language-name"), "Deutsch");
        assert_eq!(text(Lang::Ja, "no-such-message"), "no-such-message");
        assert!(steps(Lang::Ja, "no-such-message").is_empty());
    }

    #[test]
    fn dates_take_each_language_s_form() {
        let at = 1_796_990_400; // 2026-12-11, a Friday
        assert_eq!(date(Lang::En, at), "Fri 11 Dec 2026");
        assert_eq!(date(Lang::De, at), "Fr., 11. Dez. 2026");
        assert_eq!(date(Lang::Ja, at), "2026年12月11日（金）");
    }

    #[test]
    fn variables_and_plurals_resolve() {
        let mut args = Args::new();
        args.set("count", 1);
        args.set("unit", "days");
        assert_eq!(text_with(Lang::En, "time-span", &args), "1 day");
        args.set("count", 3);
        assert_eq!(text_with(Lang::En, "time-span", &args), "3 days");
        assert_eq!(text_with(Lang::De, "time-span", &args), "3 Tage");
    }
}
