//! `keyslot-server`: run the reference license server, or administer its licenses.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use keyslot_server::admin::AdminState;
use keyslot_server::serve::{Server, shutdown_signal};
use keyslot_server::store;
use keyslot_server::{Clock, Db, Limits, Secret, SystemClock, admin, keys};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// Env var holding the shared HMAC secret.
const SECRET_ENV: &str = "LICENSE_API_SECRET";

#[derive(Parser)]
#[command(
    name = "keyslot-server",
    version,
    about = "Keyslot reference license server"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the license API. Reads the secret from LICENSE_API_SECRET.
    Serve {
        /// Address to listen on; port 0 picks a free port.
        #[arg(long, default_value = "127.0.0.1:8787")]
        addr: SocketAddr,
        /// SQLite database file (created if missing).
        #[arg(long)]
        db: PathBuf,
        /// Requests per minute per license key.
        #[arg(long, default_value_t = Limits::default().key_rate, value_parser = clap::value_parser!(u32).range(1..))]
        key_rate: u32,
        /// Requests per minute per client IP.
        #[arg(long, default_value_t = Limits::default().ip_rate, value_parser = clap::value_parser!(u32).range(1..))]
        ip_rate: u32,
        /// Self-service deactivations per license per window.
        #[arg(long, default_value_t = Limits::default().deactivation_budget)]
        deactivation_budget: u32,
        /// Length of the deactivation window in seconds (default 30 days).
        #[arg(long, default_value_t = Limits::default().deactivation_window_secs, value_parser = clap::value_parser!(i64).range(1..=MAX_WINDOW_SECS))]
        deactivation_window: i64,
    },
    /// Manage licenses (works while the server runs on the same file).
    License {
        #[command(subcommand)]
        command: LicenseCommand,
    },
}

#[derive(Subcommand)]
enum LicenseCommand {
    /// Create a license; prints its key as the last line.
    Create {
        /// SQLite database file.
        #[arg(long)]
        db: PathBuf,
        /// Number of seats (machines) it allows.
        #[arg(long)]
        seats: u32,
        /// Expiry, RFC 3339 (e.g. 2027-01-01T00:00:00Z).
        #[arg(long, value_parser = parse_rfc3339)]
        expires: Option<OffsetDateTime>,
        /// Use this key instead of a random one (4-128 of [A-Za-z0-9_-]).
        #[arg(long)]
        key: Option<String>,
    },
    /// Set a license's state; DELETED is a soft delete, any other state restores it.
    State {
        /// SQLite database file.
        #[arg(long)]
        db: PathBuf,
        /// The license key.
        key: String,
        /// The new state.
        #[arg(value_enum)]
        state: AdminState,
    },
    /// List every license.
    List {
        /// SQLite database file.
        #[arg(long)]
        db: PathBuf,
    },
    /// Show one license and its devices.
    Show {
        /// SQLite database file.
        #[arg(long)]
        db: PathBuf,
        /// The license key.
        key: String,
    },
}

/// Longest deactivation window accepted: ten years.
const MAX_WINDOW_SECS: i64 = 10 * 365 * 24 * 60 * 60;

fn parse_rfc3339(value: &str) -> Result<OffsetDateTime, String> {
    let time = OffsetDateTime::parse(value, &Rfc3339)
        .map_err(|e| format!("not an RFC 3339 time ({e}); e.g. 2027-01-01T00:00:00Z"))?
        .to_offset(time::UtcOffset::UTC);
    if !(1970..=9999).contains(&time.year()) {
        return Err("must be between 1970 and 9999 (UTC)".to_owned());
    }
    Ok(time)
}

fn init_logging(default: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Serve {
            addr,
            db,
            key_rate,
            ip_rate,
            deactivation_budget,
            deactivation_window,
        } => {
            init_logging("info,sqlx=warn");
            let limits = Limits {
                key_rate,
                ip_rate,
                deactivation_budget,
                deactivation_window_secs: deactivation_window,
            };
            serve(addr, db, limits).await
        }
        Command::License { command } => {
            init_logging("warn");
            license(command).await
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(addr: SocketAddr, db_path: PathBuf, limits: Limits) -> anyhow::Result<()> {
    let secret = std::env::var(SECRET_ENV).ok().and_then(Secret::new);
    if secret.is_none() {
        tracing::warn!(
            "{SECRET_ENV} is not set: every license call will be answered with 1707 (secret not set)"
        );
        eprintln!(
            "WARNING: {SECRET_ENV} is not set. The server runs, but every license call fails with 1707."
        );
    }
    let server = Server::open(addr, &db_path, secret, limits).await?;
    tracing::info!(addr = %server.addr, ?limits, "listening");
    println!("listening on http://{}", server.addr);
    server.run_until(shutdown_signal()).await
}

async fn license(command: LicenseCommand) -> anyhow::Result<()> {
    let now = SystemClock.now();
    // Only `create` may create the file: a mistyped path elsewhere is an error.
    let open = |path: PathBuf| async move {
        Db::open_existing(&path)
            .await
            .with_context(|| format!("cannot open database {}", path.display()))
    };
    match command {
        LicenseCommand::Create {
            db,
            seats,
            expires,
            key,
        } => {
            let db = Db::open(&db)
                .await
                .with_context(|| format!("cannot open database {}", db.display()))?;
            let key = match key {
                Some(key) if !keys::is_valid_custom(&key) => {
                    anyhow::bail!("--key must be 4-128 characters of A-Z, a-z, 0-9, '-' or '_'")
                }
                Some(key) => key,
                None => keys::generate(),
            };
            let expires_at = expires.map(OffsetDateTime::unix_timestamp);
            let key = store::create_license(&db, key, seats, expires_at, now).await?;
            db.close().await;
            eprintln!("created a license with {seats} seat(s)");
            println!("{key}");
        }
        LicenseCommand::State { db, key, state } => {
            let db = open(db).await?;
            store::set_state(&db, &key, state, now).await?;
            db.close().await;
            eprintln!("{} is now {state:?}", keys::mask(&key));
        }
        LicenseCommand::List { db } => {
            let db = open(db).await?;
            let licenses = store::list_licenses(&db).await?;
            db.close().await;
            print!("{}", admin::list(&licenses, now));
        }
        LicenseCommand::Show { db, key } => {
            let db = open(db).await?;
            let (license, devices) = store::show_license(&db, &key).await?;
            db.close().await;
            print!("{}", admin::show(&license, &devices, now));
        }
    }
    Ok(())
}
