//! What the shell tests share: a command invoked as the window invokes it,
//! and the app (mock runtime) over a `LicenseService` that talks to the
//! real reference server over HTTP.

use std::sync::Arc;
use std::time::Duration;

use keyslot_core::clock::{RandomNonces, SystemClock};
use keyslot_core::dialects::Dialect;
use keyslot_core::dialects::license_api::LicenseApi;
use keyslot_core::fingerprint::{Components, ThisMachine};
use keyslot_core::secrets::MemoryStore;
use keyslot_core::sensitive::Sensitive;
use keyslot_core::service::{LicenseService, ServiceConfig};
use keyslot_core::state::StateFile;
use keyslot_core::transport::{OutcomeLog, RetryPolicy, Timeouts, Wiring};
use keyslot_server::serve::Server;
use keyslot_server::{Limits, Secret};
use serde_json::Value;
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder};
use tauri::webview::InvokeRequest;

/// Invokes `cmd` with `args` from `webview`, through the app's ACL.
pub(crate) fn invoke(
    webview: &tauri::WebviewWindow<MockRuntime>,
    cmd: &str,
    args: Value,
) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: tauri::ipc::CallbackFn(0),
        error: tauri::ipc::CallbackFn(1),
        url: "tauri://localhost".parse().expect("url"),
        body: tauri::ipc::InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(webview, request).map(|body| body.deserialize::<Value>().expect("json"))
}

/// The app over the real server, which holds one license of one seat.
pub(crate) struct Shell {
    pub(crate) app: tauri::App<MockRuntime>,
    pub(crate) webview: tauri::WebviewWindow<MockRuntime>,
    pub(crate) server: Server,
    /// The server's URL.
    pub(crate) url: String,
    /// The license's key.
    pub(crate) key: String,
    /// This machine's fingerprint, as the service sends it.
    pub(crate) fingerprint: String,
    /// The service's data directory (and the server's database).
    pub(crate) dir: tempfile::TempDir,
}

impl Shell {
    /// The app over a server with `secret` and `limits`; this machine is
    /// `machine_id`, named `name`; with `pin_leases`, the server's lease
    /// keys are pinned (as a vendor pins them).
    pub(crate) fn start(
        secret: &str,
        limits: Limits,
        machine_id: &str,
        name: &str,
        pin_leases: bool,
    ) -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let (server, key) = tauri::async_runtime::block_on(async {
            let server = Server::open(
                "127.0.0.1:0".parse().expect("addr"),
                &dir.path().join("l.db"),
                Secret::new(secret),
                limits,
            )
            .await
            .expect("serves");
            let key = keyslot_server::store::create_license(
                server.db(),
                keyslot_server::keys::generate(),
                1,
                None,
                0,
            )
            .await
            .expect("license");
            (server, key)
        });
        let url = format!("http://{}", server.addr);
        let wiring = Wiring {
            server: url.clone(),
            clock: Arc::new(SystemClock),
            nonces: Arc::new(RandomNonces),
            policy: RetryPolicy {
                base: Duration::from_millis(10),
                cap: Duration::from_millis(50),
                max_attempts: 2,
            },
            timeouts: Timeouts::default(),
            outcomes: OutcomeLog::default(),
        };
        let client = Dialect::LicenseApi(
            LicenseApi::new(&wiring, Sensitive::new(secret.to_owned())).expect("client"),
        );
        let components = Components {
            machine_id: machine_id.into(),
            cpu_arch: "x86_64".into(),
            cpu_brand: "Test".into(),
            os_name: "Test OS".into(),
        };
        let mut service = LicenseService::new(
            client,
            Arc::new(MemoryStore::default()),
            StateFile::in_dir(dir.path()),
            ThisMachine::from_components(&components, "keyslot-tests", name.into()),
            Arc::new(SystemClock),
            ServiceConfig::default(),
        );
        if pin_leases {
            let keys = server
                .state()
                .leases
                .as_ref()
                .expect("leases")
                .key_set()
                .clone();
            service = service.with_lease_keys(keys);
        }
        let fingerprint = service.machine().fingerprint.clone();
        let target = keyslot_app::Target {
            server: Some((url.clone(), "license-api".to_owned())),
            demo: false,
            state_dir: dir.path().to_owned(),
        };
        let app = mock_builder()
            .invoke_handler(keyslot_app::specta_builder::<MockRuntime>().invoke_handler())
            .manage(keyslot_app::Services::with(service, Vec::new(), target))
            .build(tauri::generate_context!(test = true))
            .expect("app");
        let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .expect("webview");
        Self {
            app,
            webview,
            server,
            url,
            key,
            fingerprint,
            dir,
        }
    }
}
