//! The user's language: the one picked in the app, kept in the config
//! folder's `language` file; else `KEYSLOT_LANG`; else the system's.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use keyslot_core::error::LicenseError;
use keyslot_core::locale::Lang;
use keyslot_core::state::write_atomically;

/// Where the picked language is kept.
pub struct Language {
    file: PathBuf,
}

impl Language {
    /// The picked language of the app whose config folder is `config_dir`.
    pub fn in_dir(config_dir: &Path) -> Self {
        Self {
            file: config_dir.join("language"),
        }
    }

    /// The language to start in: the pick, else the environment's
    /// ([`Lang::from_env`]: `KEYSLOT_LANG`, then the system's).
    pub fn at_start(&self) -> Lang {
        self.picked().unwrap_or_else(Lang::from_env)
    }

    /// Keeps `lang` as the user's pick: the file is replaced whole or not at all.
    pub fn pick(&self, lang: Lang) -> Result<(), LicenseError> {
        write_atomically(&self.file, format!("{}\n", lang.id()).as_bytes())
    }

    /// The kept pick, if the file holds one (read at most 64 bytes).
    fn picked(&self) -> Option<Lang> {
        let mut text = String::new();
        std::fs::File::open(&self.file)
            .ok()?
            .take(64)
            .read_to_string(&mut text)
            .ok()?;
        Lang::parse(text.trim())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pick_is_kept_and_a_bad_file_is_no_pick() {
        let dir = tempfile::tempdir().expect("dir");
        let language = Language::in_dir(&dir.path().join("config"));
        assert_eq!(language.picked(), None);
        language.pick(Lang::Ja).expect("kept");
        assert_eq!(
            Language::in_dir(&dir.path().join("config")).picked(),
            Some(Lang::Ja)
        );
        for junk in ["", "fr\n", "x".repeat(10_000).as_str()] {
            std::fs::write(dir.path().join("config/language"), junk).expect("written");
            assert_eq!(language.picked(), None, "{junk:.8}");
        }
    }

    #[test]
    fn a_pick_that_cannot_be_kept_changes_nothing() {
        let dir = tempfile::tempdir().expect("dir");
        let blocked = dir.path().join("file");
        std::fs::write(&blocked, "not a folder").expect("written");
        let language = Language::in_dir(&blocked);
        assert!(matches!(
            language.pick(Lang::De),
            Err(LicenseError::Storage(_))
        ));
        assert_eq!(
            std::fs::read_to_string(&blocked).expect("read"),
            "not a folder"
        );
    }
}
