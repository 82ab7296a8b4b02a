//! Every vendor adapter against its contract server (`keyslot-contract`):
//! every code of every seed table reaches the user as the catalog's message
//! and is retried as its seed says; signatures are checked both ways. Where
//! an answer no contract server gives is needed (unsigned, replayed, without
//! a status), a fake server on loopback gives it.

mod appauth;
mod geckoguard;
mod license_api;
mod licensekit;
mod licentric;

use std::sync::Arc;
use std::time::Duration;

use crate::license_key;
use keyslot_contract::{API_KEY, SECRET};
use keyslot_core::catalog::{self, Provider, RetryClass};
use keyslot_core::clock::{RandomNonces, SystemClock};
use keyslot_core::deadline::Deadline;
use keyslot_core::dialects::{Connection, Credentials, Dialect, DialectConfig};
use keyslot_core::error::LicenseError;
use keyslot_core::fingerprint::Components;
use keyslot_core::fingerprint::ThisMachine;
use keyslot_core::locale::Lang;
use keyslot_core::secrets::{MemoryStore, SecretName, SecretStore};
use keyslot_core::sensitive::Sensitive;
use keyslot_core::service::{LicenseService, ServiceConfig};
use keyslot_core::state::StateFile;
use keyslot_core::transport::{OutcomeLog, RetryPolicy, Timeouts, Wiring};
use wiremock::MockServer;

/// Attempts a backoff code gets: the test policy's maximum.
const MAX_ATTEMPTS: u32 = 3;

/// How a dialect reaches `server`: the contract credentials, an empty
/// keychain and a fast backoff.
fn connection(server: &MockServer) -> Connection {
    Connection {
        wiring: Wiring {
            server: server.uri(),
            clock: Arc::new(SystemClock),
            nonces: Arc::new(RandomNonces),
            policy: RetryPolicy {
                base: Duration::from_millis(1),
                cap: Duration::from_millis(5),
                max_attempts: MAX_ATTEMPTS,
            },
            timeouts: Timeouts::default(),
            outcomes: OutcomeLog::default(),
        },
        credentials: Credentials {
            api_key: Some(Sensitive::new(API_KEY.to_owned())),
            api_secret: Some(Sensitive::new(SECRET.to_owned())),
        },
        secrets: Arc::new(MemoryStore::default()),
    }
}

/// A service of one machine against `server`, speaking `provider`.
struct Client {
    service: LicenseService,
    secrets: Arc<dyn SecretStore>,
    _dir: tempfile::TempDir,
}

impl Client {
    /// What the keychain holds as `name`.
    fn stored(&self, name: SecretName) -> Option<String> {
        self.secrets
            .get(name)
            .expect("readable")
            .map(|v| v.expose().clone())
    }
}

/// The config for `provider`'s contract server. LicenseKit's signing key is
/// pinned: over plain HTTP its keys are never fetched.
fn config(provider: Provider) -> DialectConfig {
    let public_keys = match provider {
        Provider::Licensekit => [(
            keyslot_contract::licensekit::KEY_ID.to_owned(),
            keyslot_contract::licensekit::public_key(),
        )]
        .into(),
        _ => Default::default(),
    };
    DialectConfig {
        provider: Some(provider.id().to_owned()),
        public_keys,
        ..DialectConfig::default()
    }
}

fn client(server: &MockServer, config: &DialectConfig) -> Client {
    client_with(server, config, API_KEY, Duration::from_secs(5), 1)
}

/// A client with these credentials and deadline, on machine number `machine`.
fn client_with(
    server: &MockServer,
    config: &DialectConfig,
    api_key: &str,
    action_time: Duration,
    machine: u32,
) -> Client {
    let mut connection = connection(server);
    connection.credentials.api_key = Some(Sensitive::new(api_key.to_owned()));
    client_of(config, connection, action_time, machine).expect("connects")
}

/// A client over `connection`, on machine number `machine`.
fn client_of(
    config: &DialectConfig,
    connection: Connection,
    action_time: Duration,
    machine: u32,
) -> Result<Client, LicenseError> {
    let dir = tempfile::tempdir().expect("tempdir");
    let secrets = connection.secrets.clone();
    let dialect = Dialect::connect(config, connection)?;
    let components = Components {
        machine_id: format!("dialect-machine-{machine:04}"),
        cpu_arch: "x86_64".to_owned(),
        cpu_brand: "Test CPU".to_owned(),
        os_name: "Test OS".to_owned(),
    };
    let service = LicenseService::new(
        dialect,
        secrets.clone(),
        StateFile::in_dir(dir.path()),
        ThisMachine::from_components(&components, "keyslot-tests", "Dialect test".to_owned()),
        Arc::new(SystemClock),
        ServiceConfig { action_time },
    );
    Ok(Client {
        service,
        secrets,
        _dir: dir,
    })
}

/// How many requests to `path` carried `needle` in their body.
async fn requests(server: &MockServer, path: &str, needle: &str) -> u32 {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .filter(|r| r.url.path() == path && String::from_utf8_lossy(&r.body).contains(needle))
        .count() as u32
}

/// The attempts a failure of retry class `retry` takes.
fn attempts_of(retry: RetryClass) -> u32 {
    match retry {
        RetryClass::Backoff => MAX_ATTEMPTS,
        RetryClass::AfterClockFix => 2,
        _ => 1,
    }
}

/// Asserts that `error` is `provider`'s `code` (in `context`), shown as the
/// catalog's entry for it, with the seed's retry class `retry`.
fn assert_coded(
    error: &LicenseError,
    provider: Provider,
    code: &str,
    context: Option<&str>,
    retry: RetryClass,
) {
    let report = error.report();
    let expected = catalog::lookup(provider, code, context, report.http_status);
    assert_eq!(
        (report.provider.as_str(), report.code.as_str()),
        (provider.id(), code),
        "{error:?}"
    );
    assert!(
        catalog::knows(provider, code),
        "{code} is in {}'s catalog",
        provider.id()
    );
    assert_eq!(report.title, expected.title(Lang::En), "{code}: title");
    assert_eq!(
        report.message,
        expected.message(Lang::En),
        "{code}: message"
    );
    assert_eq!(report.action, expected.action, "{code}: action");
    assert_eq!(report.retry, retry, "{code}: the seed's retry class");
    assert!(
        !report.message.contains(code),
        "{code}: the raw code is not shown"
    );
}

/// The contract servers' tables hold every row the catalog has for their
/// vendor, so the per-code tests above walk the whole of each seed.
#[test]
fn the_contract_tables_cover_every_catalogued_code() {
    use keyslot_contract::{appauth, geckoguard, licensekit, licentric};
    let mut covered: Vec<(Provider, String, Option<&str>)> = Vec::new();
    let appauth_rows = appauth::VALIDATE
        .iter()
        .map(|c| (*c, "validate"))
        .chain(appauth::HEARTBEAT.iter().map(|c| (*c, "heartbeat")))
        .chain(
            appauth::DEVELOPER_API
                .iter()
                .map(|(c, _)| (*c, "developer_api")),
        )
        .chain([
            ("nonce_mismatch", "client"),
            ("signature_mismatch", "client"),
        ]);
    covered.extend(appauth_rows.map(|(c, x)| (Provider::Appauth, c.to_owned(), Some(x))));
    covered.extend(
        geckoguard::STANDARD
            .iter()
            .map(|(c, _)| (Provider::Geckoguard, (*c).to_owned(), None)),
    );
    covered.extend(
        geckoguard::REASONS
            .iter()
            .map(|c| (Provider::Geckoguard, (*c).to_owned(), Some("authorize"))),
    );
    covered.extend(
        licensekit::CODES
            .iter()
            .map(|(c, _)| (Provider::Licensekit, (*c).to_owned(), None)),
    );
    for (status, code) in licentric::CODES {
        covered.push(match code {
            "VALIDATION_ERROR" | "UNAUTHORIZED" | "CONFLICT" => {
                (Provider::Licentric, code.to_owned(), None)
            }
            _ => (Provider::Licentric, status.to_string(), Some("http_status")),
        });
    }
    let vendors = [
        Provider::Appauth,
        Provider::Geckoguard,
        Provider::Licensekit,
        Provider::Licentric,
    ];
    let missing: Vec<String> = catalog::rows(Lang::En)
        .into_iter()
        .filter(|row| vendors.iter().any(|v| v.id() == row.provider))
        .filter(|row| {
            !covered
                .iter()
                .any(|(p, c, x)| p.id() == row.provider && c == row.code && *x == row.context)
        })
        .map(|row| format!("{} {} {:?}", row.provider, row.code, row.context))
        .collect();
    assert!(missing.is_empty(), "no contract test reaches: {missing:?}");
    assert_eq!(
        covered.len(),
        23 + 63 + 10 + 11,
        "every contract row is a catalog row"
    );
}

/// A vendor corrects an assumed path by configuration, in one place; a
/// route the adapter does not have, or a path that is not one, is refused.
#[tokio::test]
async fn routes_are_corrected_by_configuration() {
    let server = keyslot_contract::geckoguard::start(Default::default()).await;
    let moved = DialectConfig {
        routes: [("authorize".to_owned(), "/v2/authorize".to_owned())].into(),
        ..config(Provider::Geckoguard)
    };
    let c = client(&server, &moved);
    c.service
        .activate(&license_key(keyslot_contract::GOOD_KEY))
        .await
        .expect_err("the contract server has no /v2");
    assert!(requests(&server, "/v2/authorize", "").await > 0);
    assert_eq!(requests(&server, "/v1/licenses/authorize", "").await, 0);

    let connect = |routes: &[(&str, &str)], provider: Provider| {
        let config = DialectConfig {
            routes: routes
                .iter()
                .map(|(n, p)| ((*n).to_owned(), (*p).to_owned()))
                .collect(),
            ..config(provider)
        };
        Dialect::connect(&config, connection(&server)).map(|_| ())
    };
    for (routes, provider, why) in [
        (
            &[("authorise", "/x")][..],
            Provider::Geckoguard,
            "unknown route",
        ),
        (
            &[("authorize", "v2/authorize")][..],
            Provider::Geckoguard,
            "starts with '/'",
        ),
        (
            &[("activate", "/x")][..],
            Provider::LicenseApi,
            "fixed paths",
        ),
    ] {
        match connect(routes, provider) {
            Err(LicenseError::Config(message)) => assert!(message.contains(why), "{message}"),
            other => panic!("{routes:?}: {:?}", other.err()),
        }
    }
    assert!(connect(&[("activate", "/api/activate")], Provider::Licentric).is_ok());
}

/// This machine's seat freed from another one: the next check takes a seat
/// again (the key is still saved), and forgetting after a second free wipes
/// the license here instead of failing.
async fn a_seat_freed_elsewhere_is_taken_again(
    server: &MockServer,
    provider: Provider,
    activate_path: &str,
) {
    let key = license_key(keyslot_contract::GOOD_KEY);
    let here = client(server, &config(provider));
    let elsewhere = client_with(
        server,
        &config(provider),
        API_KEY,
        Duration::from_secs(5),
        2,
    );
    let free_here = || async {
        let devices = here.service.devices().await.expect("lists");
        let ours = devices
            .devices
            .iter()
            .find(|d| d.this_device)
            .expect("this machine's seat");
        elsewhere
            .service
            .free_for(&key, &ours.id)
            .await
            .expect("frees it");
    };

    here.service.activate(&key).await.expect("activates");
    free_here().await;
    let view = here.service.status().await.expect("takes a seat again");
    assert!(view.this_device.this_device);
    assert_eq!(requests(server, activate_path, "").await, 2);

    free_here().await;
    assert!(
        !here.service.forget().await.expect("forgets"),
        "no seat was left to free"
    );
    assert_eq!(here.stored(SecretName::LicenseKey), None);
}

/// The bearer-token vendors work without an API secret; the ones that sign
/// (or send an app secret) refuse to start without one, saying so.
#[tokio::test]
async fn only_the_signing_vendors_need_a_secret() {
    let server = keyslot_contract::licentric::start().await;
    let without = || {
        let mut connection = connection(&server);
        connection.credentials.api_secret = None;
        connection
    };
    for provider in [Provider::Licensekit, Provider::Licentric] {
        Dialect::connect(&config(provider), without()).expect("needs no secret");
    }
    let dialect =
        Dialect::connect(&config(Provider::Licentric), without()).expect("needs no secret");
    let machine = keyslot_protocol::Machine {
        fingerprint: "b".repeat(64),
        name: "test".to_owned(),
        platform: "linux".to_owned(),
    };
    let key = license_key(keyslot_contract::GOOD_KEY);
    dialect
        .activate(&key, &machine, Deadline::after(Duration::from_secs(5)))
        .await
        .expect("activates with the bearer token alone");
    for provider in [
        Provider::LicenseApi,
        Provider::Appauth,
        Provider::Geckoguard,
    ] {
        let error = Dialect::connect(&config(provider), without()).expect_err("needs a secret");
        assert_eq!(error, LicenseError::SecretMissing, "{provider:?}");
    }
}
