// Sample data shaped like what the Rust commands return.

import type {
  AboutView,
  Capabilities,
  DeviceView,
  DevicesView,
  Diagnostics,
  ErrorReport,
  FreedView,
  LeaseView,
  LicenseView,
  Outcome,
} from '../lib/api';

type NextStep = NonNullable<Diagnostics['next_step']>;
type OutcomeCode = NonNullable<Outcome['code']>;

export function report(overrides: Partial<ErrorReport> = {}): ErrorReport {
  return {
    kind: 'invalid_key',
    code: 'KS_1701_NOPE',
    title: "This key isn't valid",
    message: 'Keyslot could not find a license with this key.',
    steps: ['Check the key in your purchase email.', 'Paste it again, without spaces.'],
    action: 'enter_new_key',
    retry: 'never',
    request_id: 'req_0123456789',
    http_status: 404,
    provider: 'keyslot',
    retry_after_secs: null,
    clock_offset_secs: null,
    ...overrides,
  };
}

export const deviceLimit = (): ErrorReport =>
  report({
    kind: 'device_limit',
    code: 'KS_1705_SEATS',
    title: 'All seats of this license are in use',
    message: 'Every seat of this key is held by another device.',
    steps: ['Free the seat of a device you no longer use.', 'Keyslot then activates this device.'],
    action: 'free_slot',
    retry: 'after_action',
    http_status: 409,
    request_id: 'req_limit',
  });

export const notActivated = (): ErrorReport =>
  report({
    kind: 'not_activated',
    code: 'KS_LOCAL_NONE',
    title: 'Nothing is activated yet',
    message: 'Enter a license key to activate this device.',
    steps: [],
    action: 'activate',
    http_status: null,
    request_id: null,
  });

export function device(overrides: Partial<DeviceView> = {}): DeviceView {
  return {
    id: 'act_1',
    name: 'Old laptop',
    platform: 'Windows',
    activated_at: '2025-01-10T09:00:00Z',
    last_seen_at: '2025-06-01T12:00:00Z',
    this_device: false,
    ...overrides,
  };
}

export function license(overrides: Partial<LicenseView> = {}): LicenseView {
  return {
    key_hint: '…ABCD',
    state: 'ACTIVE',
    seats_used: 2,
    seats_total: 3,
    expires_at: null,
    this_device: device({ id: 'act_me', name: 'Work desktop', platform: 'Linux', this_device: true }),
    clock_offset_secs: null,
    capabilities: capabilities(),
    lease: null,
    offline: false,
    activated_offline: false,
    ...overrides,
  };
}

/** A lease confirmed on Fri 4 Dec 2026, renewed after 4 days, ending a week after it was issued, grace 3 days more. */
export function lease(overrides: Partial<LeaseView> = {}): LeaseView {
  return {
    stage: 'valid',
    confirmed_at: '2026-12-04T10:00:00Z',
    renew_after: '2026-12-08T10:00:00Z',
    expires_at: '2026-12-11T10:00:00Z',
    grace_ends_at: '2026-12-14T10:00:00Z',
    ...overrides,
  };
}

/** The license server couldn't be reached; the lease answered (`lease` in grace, or valid). */
export const offlineLicense = (l: Partial<LeaseView> = {}, overrides: Partial<LicenseView> = {}): LicenseView =>
  license({ lease: lease(l), offline: true, ...overrides });

/** A transient failure: the license server can't be reached. */
export const unreachable = (): ErrorReport =>
  report({
    kind: 'network',
    code: 'offline',
    title: "Can't reach the license server",
    message: "This computer couldn't connect to the license server. Your license is not affected.",
    steps: ['Check your internet connection.'],
    action: 'check_connection',
    retry: 'backoff',
    http_status: null,
    request_id: null,
  });

/** The lease ran out offline (not transient). */
export const leaseExpired = (): ErrorReport =>
  report({
    kind: 'expired',
    code: 'lease_expired',
    title: 'Connect to keep using this license',
    message: 'This license has been offline for longer than it allows, so it is paused until it can check in with the license server. Nothing is lost.',
    steps: ['Connect this computer to the internet.', 'Choose Check now, or open the app once while online.'],
    action: 'check_connection',
    retry: 'never',
    http_status: null,
    request_id: null,
  });

/** What Keyslot's own server can do: everything. */
export function capabilities(overrides: Partial<Capabilities> = {}): Capabilities {
  return { list_devices: true, free_seat: true, free_seat_elsewhere: null, heartbeat_secs: null, offline: true, ...overrides };
}

/** A vendor without a device list (GeckoGuard, appauth). */
export const noDeviceList = (overrides: Partial<Capabilities> = {}): Capabilities =>
  capabilities({
    list_devices: false,
    free_seat: false,
    free_seat_elsewhere: "Free a device in the vendor's customer portal.",
    ...overrides,
  });

export function devicesView(devices: DeviceView[], overrides: Partial<DevicesView> = {}): DevicesView {
  return {
    key_hint: '…ABCD',
    seats_used: devices.length,
    seats_total: 3,
    devices,
    ...overrides,
  };
}

export function freed(of: DeviceView, used: number, total = 3): FreedView {
  return { key_hint: '…ABCD', seats_used: used, seats_total: total, freed: of, forgot_this_device: false };
}

export function diagnostics(overrides: Partial<Diagnostics> = {}): Diagnostics {
  return {
    app_version: '0.1.0',
    platform: 'linux-x86_64',
    server: 'http://127.0.0.1:41234',
    provider: 'license-api',
    server_reachable: true,
    server_problem: null,
    signing_keys: null,
    clock_offset_secs: 420,
    keychain: { ok: true, problem: null },
    fingerprint_changed: ['disk'],
    fingerprint_components: ['machine_id', 'cpu', 'disk'],
    key_hint: '…ABCD',
    activation_id: 'act_me',
    license: { state: 'ACTIVE', max_activations: 3, used_activations: 2, expires_at: null },
    recent: [
      outcome({ at: 1_760_000_020, path: '/v1/licenses/validate', request_id: 'req_c', latency_ms: 5, probe: true }),
      outcome({ at: 1_760_000_010, attempt: 2, http_status: 409, code: seatsCode(), request_id: 'req_b', latency_ms: 8 }),
      outcome({ at: 1_760_000_000, http_status: 503, code: busyCode(), request_id: 'req_a', latency_ms: 12 }),
    ],
    lease: null,
    next_step: nextStep(),
    ...overrides,
  };
}

/** One finished attempt of the user's: an activation the server accepted. */
export function outcome(overrides: Partial<Outcome> = {}): Outcome {
  return {
    at: 1_760_000_000,
    provider: 'license-api',
    path: '/v1/licenses/activate',
    attempt: 1,
    http_status: 200,
    code: null,
    request_id: 'req_0',
    latency_ms: 10,
    probe: false,
    ...overrides,
  };
}

export const seatsCode = (): OutcomeCode => ({ origin: 'license-api', code: '1705', context: null, title: 'All seats are in use' });

export const busyCode = (): OutcomeCode => ({ origin: 'license-api', code: '1790', context: null, title: 'The license server is busy' });

/** What the diagnostics make of the newest request failing for want of a seat. */
export function nextStep(overrides: Partial<NextStep> = {}): NextStep {
  return {
    cause: 'All seats are in use',
    evidence: '1705 at 2025-10-09T08:53:30Z',
    code: 'license-api 1705',
    action: 'free_slot',
    steps: [
      'Free the seat of a device you no longer use.',
      "Seats are freed on Keyslot's Devices page (or with `keyslot devices`, then `keyslot free ID`).",
      'Keyslot then activates this device.',
    ],
    ...overrides,
  };
}

export function aboutView(overrides: Partial<AboutView> = {}): AboutView {
  return {
    version: '0.1.0',
    server: 'https://licenses.example.com',
    provider: 'license-api',
    demo: false,
    log_dir: '~/.local/share/app.keyslot.desktop/logs',
    state_dir: '~/.local/share/app.keyslot.desktop',
    lease_file: '~/.local/share/app.keyslot.desktop/lease.jwt',
    ...overrides,
  };
}
