//! `keyslot-server`: run the reference license server, or administer its licenses.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use ipnet::IpNet;
use keyslot_protocol::ErrorCode;
use keyslot_server::admin::AdminState;
use keyslot_server::db::Location;
use keyslot_server::error::AppError;
use keyslot_server::lease::{KeyFiles, LeaseOptions, LeaseSettings, MAX_LEASE_SECS};
use keyslot_server::request_log::{self, Retention};
use keyslot_server::serve::{Backing, Server, shutdown_signal};
use keyslot_server::store;
use keyslot_server::{Clock, Db, Limits, Secret, SystemClock, admin, keys, offline};
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
        /// The database: a SQLite file (created if missing), or a postgres://
        /// URL (or $KEYSLOT_DB, which keeps a password out of the process list).
        #[arg(long, env = "KEYSLOT_DB", hide_env_values = true, value_parser = LocationParser)]
        db: Location,
        /// Redis URL of the replay cache and rate limits that replicas share
        /// (or $KEYSLOT_SHARED_STORE); with it several servers may serve one
        /// database, without it one at a time.
        #[arg(
            long,
            env = "KEYSLOT_SHARED_STORE",
            hide_env_values = true,
            value_name = "redis://…"
        )]
        shared_store: Option<String>,
        /// Requests per minute per license key.
        #[arg(long, default_value_t = Limits::default().key_rate, value_parser = clap::value_parser!(u32).range(1..))]
        key_rate: u32,
        /// Requests per minute per client IP.
        #[arg(long, default_value_t = Limits::default().ip_rate, value_parser = clap::value_parser!(u32).range(1..))]
        ip_rate: u32,
        #[command(flatten)]
        budget: BudgetArgs,
        /// A proxy in front of the server, as a CIDR network (a lone address is
        /// a /32 or /128; repeatable). When the TCP peer is one, the per-IP rate
        /// counts the right-most address in X-Forwarded-For that is not a trusted
        /// proxy; otherwise the header is ignored.
        #[arg(long = "trusted-proxy", value_name = "CIDR", value_parser = parse_network)]
        trusted_proxies: Vec<IpNet>,
        #[command(flatten)]
        leases: LeaseArgs,
        /// Answer without leases, as a v1 server (the load benchmark's baseline).
        #[arg(long, hide = true)]
        no_leases: bool,
        /// Days the request log keeps a license call (`request show|list`); 0 logs none.
        #[arg(long, default_value_t = Retention::default().days, value_parser = clap::value_parser!(u32).range(0..=3650))]
        request_log_days: u32,
        /// Rows the request log keeps at most (the newest).
        #[arg(long, default_value_t = Retention::default().rows, value_parser = clap::value_parser!(u64).range(1..))]
        request_log_rows: u64,
        #[command(flatten)]
        request_log: RequestLogArg,
    },
    /// Look up license calls in the request log (works while the server runs).
    Request {
        #[command(subcommand)]
        command: RequestCommand,
    },
    /// Manage licenses (works while the server runs on the same file).
    License {
        #[command(subcommand)]
        command: LicenseCommand,
    },
    /// The lease signing key.
    LeaseKey {
        #[command(subcommand)]
        command: LeaseKeyCommand,
    },
    /// Leases for machines without a network.
    Lease {
        #[command(subcommand)]
        command: LeaseCommand,
    },
}

/// Parses `--db` (or `KEYSLOT_DB`) into a [`Location`] with an error that
/// never repeats the value: a URL may hold a password, and clap's own
/// message quotes what it could not parse.
#[derive(Clone)]
struct LocationParser;

impl clap::builder::TypedValueParser for LocationParser {
    type Value = Location;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Location, clap::Error> {
        let invalid = |why: &str| {
            clap::Error::raw(
                clap::error::ErrorKind::InvalidValue,
                format!("invalid --db (or KEYSLOT_DB): {why}\n"),
            )
            .with_cmd(cmd)
        };
        let text = value.to_str().ok_or_else(|| invalid("not UTF-8"))?;
        text.parse().map_err(|why: String| invalid(&why))
    }
}

/// Where the request log is; shared by `serve` and `request`.
#[derive(Args)]
struct RequestLogArg {
    /// The request log's SQLite file; default: DB_FILE.requests beside a
    /// SQLite database. Each server on PostgreSQL names its own.
    #[arg(long = "request-log", value_name = "PATH")]
    file: Option<PathBuf>,
}

impl RequestLogArg {
    /// The file, named or beside the SQLite database `db`.
    fn file(&self, db: &Location) -> anyhow::Result<PathBuf> {
        request_log::file_for(self.file.as_deref(), db.sqlite_file())
    }
}

/// The self-service deactivation budget; shared by `serve` and `lease issue`.
#[derive(Args)]
struct BudgetArgs {
    /// Self-service deactivations per license per window.
    #[arg(long, default_value_t = Limits::default().deactivation_budget)]
    deactivation_budget: u32,
    /// Length of the deactivation window in seconds (default 30 days).
    #[arg(long, default_value_t = Limits::default().deactivation_window_secs, value_parser = clap::value_parser!(i64).range(1..=MAX_WINDOW_SECS))]
    deactivation_window: i64,
}

/// The leases' keys and settings; shared by `serve` and `lease issue`.
#[derive(Args)]
struct LeaseArgs {
    #[command(flatten)]
    keys: LeaseKeyArgs,
    /// The issuer named in every lease (`iss`).
    #[arg(long, default_value_t = LeaseSettings::default().issuer)]
    issuer: String,
    /// Seconds a lease lasts (`exp` = `iat` + this, or the license's expiry if sooner).
    #[arg(long, default_value_t = LeaseSettings::default().ttl, value_parser = clap::value_parser!(i64).range(1..=MAX_LEASE_SECS))]
    lease_ttl: i64,
    /// Seconds after which a client renews its lease (`rnw`); at most --lease-ttl.
    #[arg(long, default_value_t = LeaseSettings::default().renew, value_parser = clap::value_parser!(i64).range(1..=MAX_LEASE_SECS))]
    lease_renew: i64,
    /// Seconds of grace after a lease's end, never past the license's expiry.
    #[arg(long, default_value_t = LeaseSettings::default().grace, value_parser = clap::value_parser!(i64).range(1..=MAX_LEASE_SECS))]
    lease_grace: i64,
}

impl LeaseArgs {
    fn options(self) -> LeaseOptions {
        LeaseOptions {
            files: self.keys.files(),
            settings: LeaseSettings {
                issuer: self.issuer,
                ttl: self.lease_ttl,
                renew: self.lease_renew,
                grace: self.lease_grace,
            },
        }
    }
}

#[derive(Subcommand)]
enum LeaseCommand {
    /// Answer an offline request code, as the server's /offline page does
    /// (reads the secret from LICENSE_API_SECRET): prints the lease to carry
    /// back to the machine, or a line saying its seat was freed. A code
    /// answered before answers the same again.
    Issue {
        /// The database: a SQLite file, or a postgres:// URL (or $KEYSLOT_DB,
        /// which keeps a password out of the process list).
        #[arg(long, env = "KEYSLOT_DB", hide_env_values = true, value_parser = LocationParser)]
        db: Location,
        /// The request code the machine showed; `-` reads it from standard input.
        #[arg(long, value_name = "CODE")]
        request: String,
        #[command(flatten)]
        leases: LeaseArgs,
        #[command(flatten)]
        budget: BudgetArgs,
    },
}

/// Where the lease keys are; shared by `serve` and `lease-key show`.
#[derive(Args)]
struct LeaseKeyArgs {
    /// Ed25519 private key, PKCS#8 PEM (`openssl genpkey -algorithm ed25519`);
    /// default: DB_FILE.lease-key.pem beside the database, created (mode 0600) if missing.
    #[arg(long, value_name = "PATH")]
    lease_key: Option<PathBuf>,
    /// A PEM public key to publish beside the signing key (repeatable): publish
    /// a new key first, sign with it later.
    #[arg(long = "lease-public-key", value_name = "PATH")]
    lease_public_keys: Vec<PathBuf>,
}

impl LeaseKeyArgs {
    fn files(self) -> KeyFiles {
        KeyFiles {
            key: self.lease_key,
            public: self.lease_public_keys,
        }
    }
}

#[derive(Subcommand)]
enum LeaseKeyCommand {
    /// Print the JWK Set the server serves at /api/v1/license/keys with the same
    /// flags (creating the default key file if there is none), to pin into clients.
    Show {
        /// The database (a SQLite file locates the default key file; not opened).
        #[arg(long, env = "KEYSLOT_DB", hide_env_values = true, value_parser = LocationParser)]
        db: Location,
        #[command(flatten)]
        lease_keys: LeaseKeyArgs,
    },
}

#[derive(Subcommand)]
enum RequestCommand {
    /// Show one call by the request id the client showed (x-request-id).
    Show {
        /// The database: a SQLite file, or a postgres:// URL (or $KEYSLOT_DB,
        /// which keeps a password out of the process list).
        #[arg(long, env = "KEYSLOT_DB", hide_env_values = true, value_parser = LocationParser)]
        db: Location,
        #[command(flatten)]
        request_log: RequestLogArg,
        /// The request id.
        request_id: String,
    },
    /// List a license's recent calls, oldest first, with a count of each outcome.
    List {
        /// The database: a SQLite file, or a postgres:// URL (or $KEYSLOT_DB,
        /// which keeps a password out of the process list).
        #[arg(long, env = "KEYSLOT_DB", hide_env_values = true, value_parser = LocationParser)]
        db: Location,
        #[command(flatten)]
        request_log: RequestLogArg,
        /// The license key.
        #[arg(long)]
        key: String,
        /// Only calls since then: RFC 3339, or an age such as 30m, 24h or 7d.
        #[arg(long, value_parser = parse_since)]
        since: Option<Since>,
        /// Show at most this many (the newest).
        #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..=100_000))]
        limit: u32,
    },
}

#[derive(Subcommand)]
enum LicenseCommand {
    /// Create a license; prints its key as the last line.
    Create {
        /// The database: a SQLite file, or a postgres:// URL (or $KEYSLOT_DB,
        /// which keeps a password out of the process list).
        #[arg(long, env = "KEYSLOT_DB", hide_env_values = true, value_parser = LocationParser)]
        db: Location,
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
        /// The database: a SQLite file, or a postgres:// URL (or $KEYSLOT_DB,
        /// which keeps a password out of the process list).
        #[arg(long, env = "KEYSLOT_DB", hide_env_values = true, value_parser = LocationParser)]
        db: Location,
        /// The license key.
        key: String,
        /// The new state.
        #[arg(value_enum)]
        state: AdminState,
    },
    /// List every license.
    List {
        /// The database: a SQLite file, or a postgres:// URL (or $KEYSLOT_DB,
        /// which keeps a password out of the process list).
        #[arg(long, env = "KEYSLOT_DB", hide_env_values = true, value_parser = LocationParser)]
        db: Location,
    },
    /// Show one license and its devices.
    Show {
        /// The database: a SQLite file, or a postgres:// URL (or $KEYSLOT_DB,
        /// which keeps a password out of the process list).
        #[arg(long, env = "KEYSLOT_DB", hide_env_values = true, value_parser = LocationParser)]
        db: Location,
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

/// A point in time given to `--since`.
#[derive(Clone, Copy, Debug)]
enum Since {
    /// An RFC 3339 time, as unix seconds.
    At(i64),
    /// So many seconds before now.
    Ago(i64),
}

impl Since {
    fn unix(self, now: i64) -> i64 {
        match self {
            Self::At(at) => at,
            Self::Ago(secs) => now - secs,
        }
    }
}

fn parse_since(value: &str) -> Result<Since, String> {
    let unit = |u: char| match u {
        'm' => Some(60),
        'h' => Some(3_600),
        'd' => Some(86_400),
        _ => None,
    };
    if let Some(last) = value.chars().last()
        && let Some(secs) = unit(last)
    {
        let count: u32 = value[..value.len() - 1]
            .parse()
            .map_err(|_| format!("not an age ({value}); e.g. 30m, 24h or 7d"))?;
        return Ok(Since::Ago(i64::from(count) * secs));
    }
    parse_rfc3339(value).map(|t| Since::At(t.unix_timestamp()))
}

fn parse_network(value: &str) -> Result<IpNet, String> {
    value
        .parse()
        .or_else(|_| value.parse::<IpAddr>().map(IpNet::from))
        .map_err(|_| {
            "not a CIDR network or an IP address (e.g. 10.0.0.0/8, fd00::/8, 192.0.2.7)".to_owned()
        })
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
            shared_store,
            key_rate,
            ip_rate,
            budget,
            trusted_proxies,
            leases,
            no_leases,
            request_log_days,
            request_log_rows,
            request_log,
        } => {
            init_logging("info,sqlx=warn");
            let limits = Limits {
                key_rate,
                ip_rate,
                deactivation_budget: budget.deactivation_budget,
                deactivation_window_secs: budget.deactivation_window,
                trusted_proxies,
                request_log: Retention {
                    days: request_log_days,
                    rows: request_log_rows,
                    file: request_log.file,
                },
            };
            let backing = Backing { shared_store };
            let leases = (!no_leases).then_some(leases.options());
            serve(addr, db, limits, leases, backing).await
        }
        Command::License { command } => {
            init_logging("warn");
            license(command).await
        }
        Command::Request { command } => {
            init_logging("warn");
            request(command).await
        }
        Command::LeaseKey {
            command: LeaseKeyCommand::Show { db, lease_keys },
        } => {
            init_logging("warn");
            show_lease_keys(&db, lease_keys.files())
        }
        Command::Lease {
            command:
                LeaseCommand::Issue {
                    db,
                    request,
                    leases,
                    budget,
                },
        } => {
            init_logging("warn");
            let limits = Limits {
                deactivation_budget: budget.deactivation_budget,
                deactivation_window_secs: budget.deactivation_window,
                ..Limits::default()
            };
            issue_lease(db, &request, leases.options(), &limits).await
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

async fn serve(
    addr: SocketAddr,
    db: Location,
    limits: Limits,
    leases: Option<LeaseOptions>,
    backing: Backing,
) -> anyhow::Result<()> {
    if let Some(leases) = &leases {
        // Before anything is opened, so a bad flag changes nothing on disk.
        leases.settings.check().map_err(anyhow::Error::msg)?;
    }
    let secret = std::env::var(SECRET_ENV).ok().and_then(Secret::new);
    if secret.is_none() {
        tracing::warn!(
            "{SECRET_ENV} is not set: every license call will be answered with 1707 (secret not set)"
        );
        eprintln!(
            "WARNING: {SECRET_ENV} is not set. The server runs, but every license call fails with 1707."
        );
    }
    let server = Server::open_with(addr, &db, secret, limits, leases.as_ref(), &backing).await?;
    match &server.state().leases {
        Some(leases) => {
            tracing::info!(kid = leases.kid(), settings = ?leases.settings(), "signing leases")
        }
        None => tracing::warn!("signing no leases (--no-leases)"),
    }
    // Handlers first: a signal right after the line below stops it gracefully.
    let stop = shutdown_signal();
    let shared = if backing.shared_store.is_some() {
        "shared with the replicas in Redis"
    } else {
        "this server's own"
    };
    tracing::info!(addr = %server.addr, %db, replay_cache_and_rates = shared, limits = ?server.state().limits, "listening");
    println!("listening on http://{}", server.addr);
    server.run_until(stop).await
}

/// `lease-key show`: the JWK Set `serve` would answer, as the exact bytes.
fn show_lease_keys(db: &Location, files: KeyFiles) -> anyhow::Result<()> {
    let (key, public) = files.load(db.sqlite_file())?;
    let leases = keyslot_server::lease::Leases::new(key, &public, LeaseSettings::default());
    println!("{}", String::from_utf8_lossy(&leases.key_set_json()));
    Ok(())
}

/// `lease issue`: answers an offline request code with the rules of the
/// offline page, without its rates (the vendor runs it).
async fn issue_lease(
    db: Location,
    request: &str,
    leases: LeaseOptions,
    limits: &Limits,
) -> anyhow::Result<()> {
    let code = if request == "-" {
        // No further than the longest code a decoder reads (4 bytes a character).
        let bound = 4 * keyslot_protocol::offline::MAX_CODE_CHARS as u64 + 1;
        let mut code = String::new();
        std::io::Read::read_to_string(&mut std::io::Read::take(std::io::stdin(), bound), &mut code)
            .context("cannot read the request code from standard input")?;
        code
    } else {
        request.to_owned()
    };
    let secret = std::env::var(SECRET_ENV)
        .ok()
        .and_then(Secret::new)
        .with_context(|| {
            format!("{SECRET_ENV} is not set: request codes are verified with the server's secret")
        })?;
    // A key made here would sign leases no client trusts (and its answers
    // would be kept for the codes' replays): only the server's own key.
    let key_file = leases.files.key.clone().or_else(|| {
        db.sqlite_file()
            .map(keyslot_server::lease::default_key_path)
    });
    anyhow::ensure!(
        key_file.as_ref().is_some_and(|file| file.is_file()),
        "no lease key{}: give --lease-key as `serve` has it",
        key_file
            .map(|file| format!(" at {}", file.display()))
            .unwrap_or_default()
    );
    let leases = leases.load(db.sqlite_file())?;
    let db = open(&db).await?;
    let now = SystemClock.now();
    let answered = match offline::verify(&code, &secret, now) {
        Ok(verified) => offline::answer(&db, now, limits, &leases, &verified)
            .await
            .map(|answered| answered.answer),
        Err(error) => Err(error),
    };
    db.close().await;
    match answered {
        Ok(offline::Answer::Lease(lease)) => println!("{lease}"),
        Ok(offline::Answer::Freed { name }) => println!("the seat of {name:?} is free"),
        Err(error) => anyhow::bail!("{}", refusal(&error)),
    }
    Ok(())
}

/// A sentence for a refused request code: what it means, then the code.
fn refusal(error: &AppError) -> String {
    let why = match error.code {
        ErrorCode::BadSignature => {
            "the request code does not verify with LICENSE_API_SECRET: it was changed, \
             or made by an app with another secret"
        }
        ErrorCode::StaleTimestamp => {
            "the request code is too old (over 7 days) or made more than a day ahead; \
             the machine must make a new one"
        }
        ErrorCode::Malformed => "that is not a whole request code (copy all of it)",
        ErrorCode::NotFound => "no license on this server has the key the request code names",
        ErrorCode::Inactive => "the license is not active (suspended or expired)",
        ErrorCode::Revoked => "the license was revoked",
        ErrorCode::LimitReached => "every seat of the license is taken",
        ErrorCode::MachineNotActivated => "the machine holds no seat on this license",
        ErrorCode::DeactivationLimit => "the license's deactivation budget is used up for now",
        _ => "the request could not be answered",
    };
    let wait = error
        .retry_after
        .map(|secs| format!("; possible again in {secs} s"))
        .unwrap_or_default();
    format!("{why} ({}: {}){wait}", error.code, error.message)
}

/// Opens the database at `location` for an admin command; only `license
/// create` may create one: a mistyped path is an error.
async fn open(location: &Location) -> anyhow::Result<Db> {
    Db::open_existing(location)
        .await
        .with_context(|| format!("cannot open database {location}"))
}

async fn request(command: RequestCommand) -> anyhow::Result<()> {
    match command {
        RequestCommand::Show {
            db,
            request_log,
            request_id,
        } => {
            let log = request_log::open(&request_log.file(&db)?, false).await?;
            let found = request_log::find(&log, &request_id).await?;
            log.close().await;
            let Some(row) = found else {
                anyhow::bail!(
                    "no call {request_id} in the request log (not a license call, \
                     older than its retention, or on another server)"
                );
            };
            print!("{}", admin::request(&row));
        }
        RequestCommand::List {
            db,
            request_log,
            key,
            since,
            limit,
        } => {
            let log = request_log::open(&request_log.file(&db)?, false).await?;
            let licenses = open(&db).await?;
            let hash = request_log::key_hash(&request_log::hmac_key(&licenses).await?, &key);
            licenses.close().await;
            let since = since.map_or(i64::MIN, |s| s.unix(SystemClock.now()));
            let rows = request_log::for_key(&log, hash, since, limit).await?;
            log.close().await;
            print!("{}", admin::requests(&rows));
        }
    }
    Ok(())
}

async fn license(command: LicenseCommand) -> anyhow::Result<()> {
    let now = SystemClock.now();
    match command {
        LicenseCommand::Create {
            db,
            seats,
            expires,
            key,
        } => {
            let db = Db::open(&db)
                .await
                .with_context(|| format!("cannot open database {db}"))?;
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
            let db = open(&db).await?;
            store::set_state(&db, &key, state, now).await?;
            db.close().await;
            eprintln!("{} is now {state:?}", keys::mask(&key));
        }
        LicenseCommand::List { db } => {
            let db = open(&db).await?;
            let licenses = store::list_licenses(&db).await?;
            db.close().await;
            print!("{}", admin::list(&licenses, now));
        }
        LicenseCommand::Show { db, key } => {
            let db = open(&db).await?;
            let (license, devices) = store::show_license(&db, &key).await?;
            db.close().await;
            print!("{}", admin::show(&license, &devices, now));
        }
    }
    Ok(())
}
