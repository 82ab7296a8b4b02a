//! `keyslot`: the command-line twin of the Keyslot app, over the same
//! `LicenseService`, for support staff and scripts.

mod key_input;
mod output;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use keyslot_core::catalog::{self, Origin, Provider, RetryClass};
use keyslot_core::clock::{Clock, SystemClock};
use keyslot_core::dialects::DialectConfig;
use keyslot_core::error::LicenseError;
use keyslot_core::fingerprint::{self, ThisMachine};
use keyslot_core::key::LicenseKey;
use keyslot_core::lease::{self, JwkSet, LeaseStore, Verdict, pins};
use keyslot_core::link::{self, Link};
use keyslot_core::locale::Lang;
use keyslot_core::secrets::{KeyringStore, SecretName, SecretStore};
use keyslot_core::sensitive::Sensitive;
use keyslot_core::service::{LicenseService, Setup};
use keyslot_core::state::APP_DATA_DIR;

/// Keychain service name (the app's too).
const KEYCHAIN: &str = "keyslot";

#[derive(Parser)]
#[command(
    name = "keyslot",
    version,
    about = "Activate a license, list and free its seats, and diagnose problems.",
    after_help = "Exit codes: 0 success; 1 doctor found a problem; 2 usage; on failure, by retry class: 3 never (needs a person), \
4 backoff (transient, try later), 5 after clock fix, 6 after a corrective action, 7 refresh token/sign in, \
8 not applicable.\nThe API secret (which LicenseKit and Licentric don't need) comes from KEYSLOT_API_SECRET, or else the keychain; the other vendors' API key \
(GeckoGuard's X-Api-Key, appauth's app id, LicenseKit's and Licentric's token) from KEYSLOT_API_KEY, or else the keychain."
)]
struct Cli {
    /// License server URL.
    #[arg(
        long,
        global = true,
        env = "KEYSLOT_SERVER",
        default_value = "http://127.0.0.1:8787"
    )]
    server: String,
    /// Which license server it is: license-api (Keyslot's own), appauth,
    /// geckoguard, licensekit or licentric.
    #[arg(
        long,
        global = true,
        env = "KEYSLOT_PROVIDER",
        default_value = "license-api"
    )]
    provider: String,
    /// Corrects an assumed endpoint of another vendor's server, as in the
    /// app's config `routes` (e.g. `--route activate=/api/activate`; repeatable).
    #[arg(long = "route", global = true, value_name = "NAME=PATH", value_parser = pair)]
    routes: Vec<(String, String)>,
    /// Pins a LicenseKit signing key, as in the app's config `public_keys`
    /// (`--public-key KEY_ID=BASE64`; repeatable). Only pinned keys are then trusted.
    #[arg(long = "public-key", global = true, value_name = "KEY_ID=BASE64", value_parser = pair)]
    public_keys: Vec<(String, String)>,
    /// The vendor's app id salting this machine's fingerprint, as in the
    /// app's config `app_id` (default `keyslot`; one built into this binary wins).
    #[arg(long, global = true, env = "KEYSLOT_APP_ID", value_name = "ID")]
    app_id: Option<String>,
    /// Print JSON instead of text (data commands).
    #[arg(long, global = true)]
    json: bool,
    /// The language of messages: en, de or ja (default: KEYSLOT_LANG, else
    /// the system's, from LANGUAGE, LC_ALL, LC_MESSAGES or LANG; English when
    /// none names one Keyslot has).
    #[arg(long, global = true, value_name = "LANG", value_parser = language)]
    lang: Option<Lang>,
    /// Where Keyslot keeps its (non-secret) state.
    #[arg(long, global = true, env = "KEYSLOT_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// A JWK Set (JSON file) of the vendor's lease keys to check leases
    /// against, unless a set was built into this binary (which wins).
    #[arg(long, global = true, env = "KEYSLOT_LEASE_KEYS", value_name = "FILE")]
    lease_keys: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Activate this machine with a license key.
    #[command(
        after_help = "A key given as an argument shows in `ps` and in shell history: \
prefer `keyslot activate -`, which reads it from stdin (its first line), e.g. \
`keyslot activate - < key.txt`. With no KEY, keyslot asks for it on the terminal without \
echoing it; with no KEY and no terminal (stdin a pipe or a file), it reads nothing and stops \
with a usage error (exit 2): pass `-` to read stdin. An empty key is a usage error too."
    )]
    Activate {
        /// The license key, or `-` to read it from stdin.
        key: Option<String>,
        /// This machine has no network: print a request code to take to the
        /// vendor's offline page instead (then `keyslot lease import`).
        #[arg(long)]
        offline: bool,
        /// With `--offline`: also write the request code to FILE.
        #[arg(long, value_name = "FILE", requires = "offline")]
        out: Option<PathBuf>,
    },
    /// Show the license and this machine's seat.
    Status,
    /// List the devices holding seats (this one marked).
    Devices,
    /// Free a device's seat.
    Free {
        /// The device's id, from `keyslot devices`.
        device_id: String,
    },
    /// Free this machine's seat and remove the license from it.
    Forget {
        /// This machine has no network: remove the license and print a code
        /// that frees its seat at the vendor's offline page.
        #[arg(long)]
        offline: bool,
        /// With `--offline`: also write the code to FILE.
        #[arg(long, value_name = "FILE", requires = "offline")]
        out: Option<PathBuf>,
    },
    /// Check the server, the clock, the keychain and the fingerprint.
    Doctor,
    /// Print the redacted support report.
    Report,
    /// Explain an error code of a license server.
    Explain {
        /// Provider: license-api, appauth, geckoguard, licensekit, licentric or keyslot.
        provider: String,
        /// The raw code.
        code: String,
        /// The endpoint context, where a code means different things per endpoint.
        #[arg(long)]
        context: Option<String>,
    },
    /// Print the whole error catalog.
    Catalog,
    /// Whether the license holds on this machine, from its lease alone:
    /// never touches the network, reads no secret. Exit 0 valid or in grace,
    /// 20 no lease, 21 expired, 22 malformed or tampered, 23 another machine
    /// or key, 24 the clock was turned back.
    Check,
    /// Print the stored lease (compact JWS); exit 20 when there is none.
    Lease {
        #[command(subcommand)]
        action: Option<LeaseAction>,
    },
    /// Say what the app does with a `keyslot://activate?key=…` link; never
    /// activates. Not a Keyslot link: a usage error (exit 2).
    #[command(
        after_help = "A link holds a license key, and an argument shows in `ps` and in shell \
history: prefer `keyslot open -`, which reads the link from stdin (its first line). \
Only the key's last four characters are printed."
    )]
    Open {
        /// The link, or `-` to read it from stdin.
        url: String,
    },
}

/// What `keyslot lease` does besides printing the stored lease.
#[derive(Subcommand)]
enum LeaseAction {
    /// Import a license file from the vendor's offline page: checked
    /// against the pinned keys, this machine and the key of the request.
    Import {
        /// The file (`keyslot.lease`), or `-` to read the license from stdin.
        file: String,
    },
    /// Print a request code that renews the lease at the vendor's offline
    /// page, for a machine without a network.
    Renew {
        /// Also write the code to FILE.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

/// The exit code for a failure of `class`.
fn exit_code(class: RetryClass) -> u8 {
    match class {
        RetryClass::Never => 3,
        RetryClass::Backoff => 4,
        RetryClass::AfterClockFix => 5,
        RetryClass::AfterAction => 6,
        RetryClass::RefreshToken => 7,
        RetryClass::NotApplicable => 8,
    }
}

fn fail(error: &LicenseError, json: bool) -> ExitCode {
    let report = error.report();
    output::error(&report, json);
    ExitCode::from(exit_code(report.retry))
}

/// `NAME=VALUE`, split at the first `=`.
fn pair(arg: &str) -> Result<(String, String), String> {
    match arg.split_once('=') {
        Some((name, value)) if !name.is_empty() && !value.is_empty() => {
            Ok((name.to_owned(), value.to_owned()))
        }
        _ => Err(format!("expected NAME=VALUE, got {arg:?}")),
    }
}

/// A credential from `var`, or else the keychain.
fn credential(var: &str, name: SecretName) -> Result<Option<Sensitive<String>>, LicenseError> {
    match std::env::var(var) {
        Ok(value) if !value.is_empty() => Ok(Some(Sensitive::new(value))),
        _ => KeyringStore::new(KEYCHAIN).get(name),
    }
}

/// Where the state, the lease and its anchor live.
fn data_dir(cli: &Cli) -> Result<PathBuf, LicenseError> {
    cli.data_dir
        .clone()
        .or_else(|| dirs::data_dir().map(|d| d.join(APP_DATA_DIR)))
        .ok_or_else(|| LicenseError::Config("no data directory; set KEYSLOT_DATA_DIR".to_owned()))
}

fn service(cli: &Cli) -> Result<LicenseService, LicenseError> {
    let dialect = DialectConfig {
        provider: Some(cli.provider.clone()),
        routes: cli.routes.iter().cloned().collect(),
        public_keys: cli.public_keys.iter().cloned().collect(),
    };
    // An unknown provider is a usage error before any keychain access.
    let native = dialect.provider()? == Provider::LicenseApi;
    let api_secret = credential("KEYSLOT_API_SECRET", SecretName::ApiSecret)?;
    let api_key = if native {
        None
    } else {
        credential("KEYSLOT_API_KEY", SecretName::ApiKey)?
    };
    let state_dir = data_dir(cli)?;
    LicenseService::assemble(Setup {
        server: &cli.server,
        dialect: &dialect,
        api_key,
        api_secret,
        keychain_service: KEYCHAIN,
        state_dir,
        app_id: fingerprint::app_id(cli.app_id.as_deref())?,
    })
}

/// Reads `--lang`: a language the app speaks, by tag or locale (`de`, `de_AT`).
fn language(tag: &str) -> Result<Lang, String> {
    Lang::parse(tag).ok_or_else(|| {
        let known: Vec<&str> = Lang::ALL.iter().map(|l| l.id()).collect();
        format!(
            "not a language Keyslot speaks; one of: {}",
            known.join(", ")
        )
    })
}

async fn run(cli: Cli) -> Result<ExitCode, LicenseError> {
    let json = cli.json;
    match &cli.command {
        Command::Explain {
            provider,
            code,
            context,
        } => {
            let Some(origin) = Origin::from_id(provider) else {
                let known: Vec<&str> = Origin::ALL.iter().map(|o| o.id()).collect();
                eprintln!(
                    "unknown provider {provider:?}; one of: {}",
                    known.join(", ")
                );
                return Ok(ExitCode::from(2));
            };
            output::explain(
                &catalog::lookup(origin, code, context.as_deref(), None),
                json,
            );
            return Ok(ExitCode::SUCCESS);
        }
        Command::Catalog => {
            output::catalog(&catalog::rows(Lang::current()), json);
            return Ok(ExitCode::SUCCESS);
        }
        Command::Check => {
            let dir = data_dir(&cli)?;
            // Without a lease there is nothing to verify: "no lease" (20)
            // needs no keys, so a vendor's software can ask before activation.
            let keys = match LeaseStore::in_dir(&dir).lease()? {
                Some(_) => pins::pinned_keys(cli.lease_keys.as_deref(), &dir)?,
                None => JwkSet::default(),
            };
            let machine = ThisMachine::detect(fingerprint::app_id(cli.app_id.as_deref())?, &dir)?;
            // The keychain's anchor is not read: check reads no secret store at all.
            let found = lease::check_here(&dir, &machine, &keys, SystemClock.now(), &[])?;
            output::lease_check(&found, json);
            return Ok(ExitCode::from(found.stage.exit_code()));
        }
        Command::Activate { key, offline, out } => {
            // Read before the keychain or the server is touched: a missing key changes nothing.
            let key = match key_input::license_key(key.as_deref()) {
                Ok(key) => LicenseKey::parse(key.expose())?,
                Err(usage) => {
                    eprintln!("{usage}");
                    return Ok(ExitCode::from(2));
                }
            };
            let service = service(&cli)?;
            if *offline {
                let request = service.offline_request(&key).await?;
                output::offline_request(&request, out.as_deref(), json)?;
            } else {
                output::license(&service.activate(&key).await?, json);
            }
            return Ok(ExitCode::SUCCESS);
        }
        Command::Open { url } => {
            let read = key_input::link(url)
                .and_then(|url| link::parse(url.expose()).map_err(|e| e.to_string()));
            return Ok(match read {
                Ok(Link::Activate(key)) => {
                    output::opened(key.as_ref(), json);
                    ExitCode::SUCCESS
                }
                Err(usage) => {
                    eprintln!("{usage}");
                    ExitCode::from(2)
                }
            });
        }
        Command::Lease { action: None } => {
            let stored = LeaseStore::in_dir(data_dir(&cli)?).lease()?;
            return Ok(match stored {
                Some(jws) => {
                    println!("{}", jws.trim());
                    ExitCode::SUCCESS
                }
                None => ExitCode::from(Verdict::NoLease.exit_code()),
            });
        }
        _ => {}
    }
    let mut service = service(&cli)?;
    if let Some(file) = &cli.lease_keys {
        service = service.with_lease_keys(pins::pinned_keys(Some(file), &data_dir(&cli)?)?);
    }
    match cli.command {
        Command::Status => output::license(&service.status().await?, json),
        Command::Devices => output::devices(&service.devices().await?, json),
        Command::Free { device_id } => output::freed(&service.free(&device_id).await?, json),
        Command::Forget { offline: true, out } => {
            let request = service.forget_offline().await?;
            output::offline_request(&request, out.as_deref(), json)?;
        }
        Command::Lease {
            action: Some(LeaseAction::Import { file }),
        } => {
            let text = key_input::lease_file(&file)?;
            output::license(&service.import_lease(&text).await?, json);
        }
        Command::Lease {
            action: Some(LeaseAction::Renew { out }),
        } => {
            let request = service.renewal_request().await?;
            output::offline_request(&request, out.as_deref(), json)?;
        }
        Command::Forget { offline: false, .. } => {
            let message = if service.forget().await? {
                "This machine's seat was freed and the license removed from it.".to_owned()
            } else {
                let elsewhere = service.capabilities().free_seat_elsewhere;
                format!(
                    "The license was removed from this machine. {}",
                    elsewhere.unwrap_or_else(|| "It held no seat on the server.".to_owned())
                )
            };
            output::done(&message, json);
        }
        Command::Doctor => {
            if !output::doctor(&service.diagnose().await, json) {
                return Ok(ExitCode::from(1));
            }
        }
        Command::Report => {
            let diagnostics = service.diagnose().await;
            print!("{}", service.support_report(&diagnostics, None));
        }
        Command::Activate { .. }
        | Command::Explain { .. }
        | Command::Catalog
        | Command::Check
        | Command::Lease { action: None }
        | Command::Open { .. } => {}
    }
    Ok(ExitCode::SUCCESS)
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    cli.lang.unwrap_or_else(Lang::from_env).set_current();
    if std::env::var_os("RUST_LOG").is_some() {
        tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
            .with_writer(std::io::stderr)
            .init();
    }
    let json = cli.json;
    match run(cli).await {
        Ok(code) => code,
        Err(error) => fail(&error, json),
    }
}
