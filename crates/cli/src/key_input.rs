//! Where `keyslot activate` takes the license key from, and `keyslot open`
//! the link (which holds one). A key on the command line shows in `ps` and
//! in shell history, so the CLI also reads it from stdin (`-`) or, given
//! none, prompts for it on the terminal without echo. Given none and no
//! terminal, it reads nothing: stdin may be a pipe nobody writes to
//! (`docker run -i`), which would wait forever. `keyslot lease import`
//! reads a license file the same bounded way.

use std::io::{BufRead, IsTerminal};

use keyslot_core::error::LicenseError;
use keyslot_core::link;
use keyslot_core::sensitive::Sensitive;
use keyslot_core::service::offline::{open_license_file, read_license_file};

/// How much of stdin is read for a key: a key is at most 128 characters, so
/// anything longer is not one, and a runaway pipe is not read to its end.
const MAX_INPUT: u64 = 4096;

/// The key `arg` names: itself, `-` for stdin's first line, or with none a
/// prompt on the terminal (a usage error when stdin is not one). An error is
/// a usage error, worded for the user.
pub(crate) fn license_key(arg: Option<&str>) -> Result<Sensitive<String>, String> {
    let key = match arg {
        Some("-") => key_text(stdin_line(MAX_INPUT, "license key")?)?,
        Some(key) => key.to_owned(),
        None if std::io::stdin().is_terminal() => rpassword::prompt_password("License key: ")
            .map_err(|e| format!("cannot read the license key from the terminal: {e}"))?,
        None => {
            return Err(
                "no license key given, and stdin is not a terminal to ask on: \
                        pass the key as `-` to read it from stdin (`keyslot activate - < key.txt`)"
                    .to_owned(),
            );
        }
    };
    let key = key.trim();
    if key.is_empty() {
        return Err(
            "no license key given: pass it on stdin (`keyslot activate -`), \
                    or type it when asked"
                .to_owned(),
        );
    }
    Ok(Sensitive::new(key.to_owned()))
}

/// A key read from stdin, as text (a key is never anything else).
fn key_text(line: Vec<u8>) -> Result<String, String> {
    String::from_utf8(line)
        .map_err(|_| "cannot read the license key from stdin: it is not text".to_owned())
}

/// The link `arg` names: itself, or `-` for stdin's first line, trimmed.
/// Read within a link's bound and a line end (`\r\n`): a longer line is cut
/// there, and [`link::parse`] refuses it for its length.
pub(crate) fn link(arg: &str) -> Result<Sensitive<String>, String> {
    let line = match arg {
        "-" => String::from_utf8_lossy(&stdin_line(link::MAX_LEN as u64 + 2, "link")?).into_owned(),
        link => link.to_owned(),
    };
    Ok(Sensitive::new(line.trim().to_owned()))
}

/// A license file's text: the file at `arg`, or stdin for `-`.
pub(crate) fn lease_file(arg: &str) -> Result<String, LicenseError> {
    match arg {
        "-" => read_license_file(std::io::stdin().lock(), "from stdin"),
        path => open_license_file(std::path::Path::new(path)),
    }
}

/// The first line of stdin, read within `bound` bytes; `what` it is for the error.
fn stdin_line(bound: u64, what: &str) -> Result<Vec<u8>, String> {
    first_line(std::io::stdin().lock(), bound)
        .map_err(|e| format!("cannot read the {what} from stdin: {e}"))
}

/// The first line of `input`, read within `bound` bytes.
fn first_line(input: impl BufRead, bound: u64) -> std::io::Result<Vec<u8>> {
    let mut line = Vec::new();
    input.take(bound).read_until(b'\n', &mut line)?;
    Ok(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_first_line_within_the_bound_is_read() {
        let two = first_line("KS-AAAA\nsecond line\n".as_bytes(), MAX_INPUT).expect("reads");
        assert_eq!(two, b"KS-AAAA\n");
        let endless = "A".repeat(10 * MAX_INPUT as usize);
        let read = first_line(endless.as_bytes(), MAX_INPUT).expect("reads");
        assert_eq!(read.len() as u64, MAX_INPUT);
        assert!(key_text(b"\xff\xfe\n".to_vec()).is_err(), "not text");
    }
}
