//! Seed 004 (Licentric) through its adapter.

use keyslot_contract::licentric::{self, CODES};
use keyslot_contract::{GOOD_KEY, SEATS};
use keyslot_core::catalog::{Action, Kind, Provider, RetryClass, lookup};
use keyslot_core::locale::Lang;
use keyslot_core::secrets::SecretName;

use super::{MAX_ATTEMPTS, assert_coded, client, config, requests};
use crate::license_key;

const ACTIVATE: &str = "/v1/licenses/activate";

/// The status table's retry: back off on 429 and 500, never the rest.
fn retry_of(status: u16) -> RetryClass {
    match status {
        429 | 500 => RetryClass::Backoff,
        _ => RetryClass::Never,
    }
}

#[tokio::test]
async fn activates_validates_lists_and_frees() {
    let server = licentric::start().await;
    let c = client(&server, &config(Provider::Licentric));
    let view = c
        .service
        .activate(&license_key(GOOD_KEY))
        .await
        .expect("activates");
    assert_eq!((view.seats_used, view.seats_total), (2, SEATS));
    assert_eq!(view.expires_at.as_deref(), Some("2030-01-01T00:00:00Z"));
    c.service.status().await.expect("validates");
    let devices = c.service.devices().await.expect("lists");
    assert_eq!(devices.devices.len(), 2);
    let ours = devices
        .devices
        .iter()
        .find(|d| d.this_device)
        .expect("this machine");
    let freed = c.service.free(&ours.id).await.expect("frees");
    assert!(
        freed.forgot_this_device,
        "freeing this machine forgets the license here"
    );
    assert_eq!(c.stored(SecretName::LicenseKey), None);
}

#[tokio::test]
async fn every_code_and_status_with_its_retry() {
    let server = licentric::start().await;
    for (status, code) in CODES {
        let c = client(&server, &config(Provider::Licentric));
        let key = format!("E-{status}-{code}");
        let error = c
            .service
            .activate(&license_key(&key))
            .await
            .expect_err(code);
        // A code the catalog knows is itself; any other is read by its status.
        let known = ["VALIDATION_ERROR", "UNAUTHORIZED", "CONFLICT"].contains(&code);
        let (raw, context) = if known {
            (code.to_owned(), None)
        } else {
            (status.to_string(), Some("http_status"))
        };
        let retry = retry_of(status);
        assert_coded(&error, Provider::Licentric, &raw, context, retry);
        assert_eq!(error.http_status(), Some(status));
        assert_eq!(
            error.request_id(),
            Some("01J8X3W4Y5Z6A7B8C9D0EFGHJK"),
            "requestId kept"
        );
        let attempts = if retry == RetryClass::Backoff {
            MAX_ATTEMPTS
        } else {
            1
        };
        assert_eq!(requests(&server, ACTIVATE, &key).await, attempts, "{code}");
        if status == 429 {
            assert_eq!(error.report().retry_after_secs, Some(0), "Retry-After read");
        }
        assert_eq!(c.stored(SecretName::LicenseKey), None);
    }
}

#[tokio::test]
async fn zod_issues_become_per_field_messages() {
    let server = licentric::start().await;
    let c = client(&server, &config(Provider::Licentric));
    let report = c
        .service
        .activate(&license_key("E-400-VALIDATION_ERROR"))
        .await
        .expect_err("invalid")
        .report();
    let fields: Vec<(&str, &str)> = report
        .details
        .iter()
        .map(|d| (d.field.as_str(), d.message.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            ("licenseKey", "Required"),
            ("machine.fingerprint", "Too short")
        ]
    );
}

#[tokio::test]
async fn a_machine_limit_leads_to_the_device_limit_flow() {
    let server = licentric::start().await;
    let on = |machine| {
        super::client_with(
            &server,
            &config(Provider::Licentric),
            keyslot_contract::API_KEY,
            std::time::Duration::from_secs(5),
            machine,
        )
    };
    // An old laptop holds one seat; two machines take the others.
    for machine in [1, 2] {
        on(machine)
            .service
            .activate(&license_key(GOOD_KEY))
            .await
            .expect("a free seat");
    }
    let third = on(3);
    let report = third
        .service
        .activate(&license_key(GOOD_KEY))
        .await
        .expect_err("full")
        .report();
    assert_eq!(
        (report.kind, report.action),
        (Kind::DeviceLimit, Action::FreeSlot)
    );
    assert_eq!(
        (report.code.as_str(), report.http_status),
        ("422", Some(422))
    );
    let expected = lookup(Provider::Licentric, "422", Some("http_status"), Some(422));
    assert_eq!(report.message, expected.message(Lang::En));

    // The free-a-slot flow: list the key's devices, free the old laptop, retry.
    let key = license_key(GOOD_KEY);
    let devices = third.service.devices_for(&key).await.expect("lists");
    assert_eq!(devices.devices.len() as u32, SEATS);
    let old = devices
        .devices
        .iter()
        .find(|d| d.name == "old-laptop")
        .expect("old laptop");
    third.service.free_for(&key, &old.id).await.expect("frees");
    third
        .service
        .activate(&license_key(GOOD_KEY))
        .await
        .expect("the freed seat");
}

#[tokio::test]
async fn a_seat_freed_elsewhere_is_taken_again() {
    let server = licentric::start().await;
    super::a_seat_freed_elsewhere_is_taken_again(&server, Provider::Licentric, ACTIVATE).await;
}

#[tokio::test]
async fn an_answer_without_a_status_is_not_an_active_license() {
    use keyslot_protocol::LicenseState;
    use serde_json::json;
    use wiremock::matchers::method;
    use wiremock::{Mock, MockServer, ResponseTemplate};

    let server = MockServer::start().await;
    let seat = json!({
        "license": {"maxMachines": 3, "machinesCount": 1, "expiresAt": null},
        "machine": {
            "id": "m-1", "fingerprint": "f", "name": "this", "platform": "linux",
            "createdAt": "2026-01-01T00:00:00Z", "lastSeenAt": "2026-01-01T00:00:00Z",
        },
    });
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(&seat))
        .mount(&server)
        .await;
    let c = client(&server, &config(Provider::Licentric));
    let view = c
        .service
        .activate(&license_key(GOOD_KEY))
        .await
        .expect("activates");
    assert_eq!(view.state, LicenseState::Unknown);
    let view = c.service.status().await.expect("validates");
    assert_eq!(view.state, LicenseState::Unknown);
}
