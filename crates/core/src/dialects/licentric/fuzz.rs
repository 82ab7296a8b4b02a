//! Fuzzing Licentric's readers: its error envelope from any status,
//! headers and body, and its successes' bodies.

use keyslot_fuzz::check;
use keyslot_fuzz::proptest::prelude::*;
use keyslot_protocol::{Device, LicenseSummary};
use serde_json::{Value, json};

use super::{Envelope, Machines, Seat, failure};
use crate::catalog::{self, Provider};
use crate::error::LicenseError;
use crate::transport::fuzz::{answers, assert_clear};

fn machine() -> Value {
    json!({"id": "m_1", "fingerprint": "5f0c6e8a2b1d4f3e9a7c0b2d4e6f8a1c3e5b7d9f0a2c4e6b8d0f1a3c5e7b9d2f",
        "name": "laptop", "platform": "linux-x86_64",
        "createdAt": "2026-01-01T12:00:00Z", "lastSeenAt": "2026-01-02T08:30:00Z"})
}

fn license() -> Value {
    json!({"status": "active", "maxMachines": 3, "machinesCount": 1,
        "expiresAt": "2027-01-01T00:00:00Z"})
}

/// The error envelope (a Zod issue in its details), and the successes.
fn templates() -> Vec<(u16, Value)> {
    vec![
        (
            400,
            json!({"error": "Validation failed", "code": "VALIDATION_ERROR",
            "details": {"issues": [{"path": ["machine", 0, "fingerprint"],
                "message": "Invalid", "code": "invalid_string"}]},
            "requestId": "req_1"}),
        ),
        (
            422,
            json!({"error": "Machine limit", "code": "MACHINE_LIMIT_EXCEEDED", "requestId": "req_2"}),
        ),
        (200, json!({"license": license(), "machine": machine()})),
        (200, json!({"license": license(), "machines": [machine()]})),
    ]
}

#[test]
fn fuzz_licentric_answers() {
    check(answers(&templates(), Vec::new()), |answer| {
        let reply = answer.reply();
        // The successes, made native as the adapter makes them.
        if let Ok(seat) = reply.json::<Seat>() {
            let (_, _): (LicenseSummary, Device) = (seat.license.into(), seat.machine.into());
        }
        if let Ok(machines) = reply.json::<Machines>() {
            let devices: Vec<Device> = machines.machines.into_iter().map(Into::into).collect();
            let _: (LicenseSummary, usize) = (machines.license.into(), devices.len());
        }
        let error = failure(&reply);
        let envelope = serde_json::from_slice::<Envelope>(&answer.body).ok();
        match (&error, envelope) {
            (LicenseError::Api(f), Some(envelope)) => {
                prop_assert_eq!(f.provider, Provider::Licentric);
                prop_assert_eq!(f.http_status, answer.status);
                let known = catalog::knows(Provider::Licentric, &f.code);
                prop_assert!(
                    (known && f.context.is_none())
                        || (f.code == answer.status.to_string()
                            && f.context == Some("http_status")),
                    "{f:?}"
                );
                let issues = envelope.details.map_or(0, |d| d.issues.len());
                prop_assert_eq!(f.details.len(), issues);
            }
            (LicenseError::BadResponse { .. }, None) => {}
            (other, envelope) => {
                prop_assert!(false, "{other:?} from an envelope: {}", envelope.is_some())
            }
        }
        assert_clear(&error)
    });
}
