// The store's actions call the api and update the state themselves.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { KeyslotError } from '../lib/api';
import { callsOf, clearMocks, fail, mockCommands } from '../lib/api/mock';
import {
  activate,
  app,
  followAction,
  forget,
  freeDevice,
  listDevices,
  loadCapabilities,
  rememberError,
  resetApp,
  start,
} from '../lib/state/app.svelte';
import { capabilities, device, devicesView, freed, license, noDeviceList, notActivated, report } from './fixtures';

afterEach(() => {
  vi.useRealTimers();
  clearMocks();
  resetApp();
});

const laptop = device({ id: 'act_old', name: 'Old laptop' });

/** The app as `start()` leaves it with `l` activated. */
async function activated(l = license()): Promise<void> {
  mockCommands({ license_status: () => l, demo_keys: () => [], server_capabilities: () => l.capabilities });
  await start();
  expect(app.screen).toBe('license');
}

describe('activate', () => {
  it('shows the license it activated', async () => {
    const calls = mockCommands({ activate: () => license() });
    app.screen = 'activate';
    await activate(' GOOD-KEY-1234 ');
    expect(callsOf(calls, 'activate').map((c) => c.args.key)).toEqual([' GOOD-KEY-1234 ']);
    expect(app.license).toEqual(license());
    expect(app.screen).toBe('license');
  });

  it('throws the error and changes nothing when it fails', async () => {
    mockCommands({ activate: () => fail(report()) });
    app.screen = 'activate';
    await expect(activate('WRONG-KEY-0000')).rejects.toBeInstanceOf(KeyslotError);
    expect(app.license).toBeNull();
    expect(app.screen).toBe('activate');
    expect(app.lastError).toBeNull(); // the view that shows it records it
  });
});

describe('listDevices', () => {
  it('updates the seats of the activated license from the list', async () => {
    await activated(license({ seats_used: 2 }));
    const calls = mockCommands({ list_devices: () => devicesView([laptop, device({ id: 'a' }), device({ id: 'b' })]) });
    const list = await listDevices();
    expect(list.devices).toHaveLength(3);
    expect(callsOf(calls, 'list_devices')).toHaveLength(1);
    expect(app.license?.seats_used).toBe(3);
  });

  it('lists the devices of a key that is not activated, leaving the state alone', async () => {
    const calls = mockCommands({ list_devices_for: () => devicesView([laptop]) });
    await listDevices({ key: ' FULL-KEY-0002 ' });
    expect(callsOf(calls, 'list_devices_for').map((c) => c.args.key)).toEqual([' FULL-KEY-0002 ']);
    expect(app.license).toBeNull();
  });
});

describe('freeDevice', () => {
  it('updates the seats of the activated license', async () => {
    await activated(license({ seats_used: 3 }));
    const calls = mockCommands({ free_device: () => freed(laptop, 2) });
    const result = await freeDevice('act_old');
    expect(result.freed.id).toBe('act_old');
    expect(callsOf(calls, 'free_device').map((c) => c.args.activationId)).toEqual(['act_old']);
    expect(app.license?.seats_used).toBe(2);
    expect(app.screen).toBe('license');
  });

  it('shows Activate when the seat freed was this device’s', async () => {
    await activated();
    mockCommands({ free_device: () => ({ ...freed(laptop, 1), forgot_this_device: true }) });
    await freeDevice('act_me');
    expect(app.license).toBeNull();
    expect(app.screen).toBe('activate');
  });

  it('frees a seat of a key that is not activated, leaving the state alone', async () => {
    const calls = mockCommands({ free_device_for: () => freed(laptop, 2) });
    app.screen = 'activate';
    await freeDevice('act_old', { key: 'FULL-KEY-0002' });
    expect(callsOf(calls, 'free_device_for').map((c) => c.args)).toEqual([{ key: 'FULL-KEY-0002', activationId: 'act_old' }]);
    expect(app.license).toBeNull();
    expect(app.screen).toBe('activate');
  });
});

describe('forget', () => {
  it('removes the license, shows Activate and stops checking in', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    await activated(license({ capabilities: capabilities({ heartbeat_secs: 60 }) }));
    const calls = mockCommands({ forget_license: () => null, license_status: () => license() });
    await forget();
    expect(callsOf(calls, 'forget_license')).toHaveLength(1);
    expect(app.license).toBeNull();
    expect(app.screen).toBe('activate');
    await vi.advanceTimersByTimeAsync(120_000);
    expect(callsOf(calls, 'license_status')).toHaveLength(0);
  });

  it('keeps the license when it fails', async () => {
    await activated();
    mockCommands({ forget_license: () => fail(report({ action: 'retry' })) });
    await expect(forget()).rejects.toBeInstanceOf(KeyslotError);
    expect(app.license).toEqual(license());
    expect(app.screen).toBe('license');
  });
});

describe('capabilities', () => {
  it('are assumed complete until the server says otherwise', () => {
    expect(app.capabilities).toEqual(capabilities());
  });

  it('are the server’s once read, and the activated license’s over them', async () => {
    mockCommands({ server_capabilities: () => noDeviceList() });
    await loadCapabilities();
    expect(app.capabilities).toEqual(noDeviceList());
    app.license = license({ capabilities: capabilities({ heartbeat_secs: 30 }) });
    expect(app.capabilities.heartbeat_secs).toBe(30);
  });
});

describe('followAction', () => {
  it('opens Support for “Get help”', () => {
    app.screen = 'devices';
    expect(followAction('contact_support')).toBe(true);
    expect(app.screen).toBe('support');
  });

  it.each(['activate', 'enter_new_key', 'free_slot'] as const)('opens Activate for %s without a license', (action) => {
    app.screen = 'error';
    expect(followAction(action)).toBe(true);
    expect(app.screen).toBe('activate');
  });

  it.each(['activate', 'enter_new_key', 'free_slot'] as const)('checks the license again for %s with one', async (action) => {
    await activated();
    const calls = mockCommands({ license_status: () => fail(notActivated()), demo_keys: () => [] });
    expect(followAction(action)).toBe(true);
    await vi.waitFor(() => expect(app.screen).toBe('activate'));
    expect(callsOf(calls, 'license_status')).toHaveLength(1);
  });

  it.each(['retry', 'check_connection', 'sign_in', 'sync_clock', 'renew'] as const)(
    'leaves %s to the view (its own retry, or the explanation)',
    (action) => {
      app.screen = 'devices';
      expect(followAction(action)).toBe(false);
      expect(app.screen).toBe('devices');
    },
  );
});

describe('the last error seen', () => {
  it('records the error shown for the support report', () => {
    const r = report({ title: 'Remember me' });
    const shown = rememberError(r);
    expect(shown).toBeInstanceOf(KeyslotError);
    expect(shown.report).toEqual(r);
    expect(app.lastError).toEqual(r);
  });

  it('records a start-up error, which the error screen shows', async () => {
    const r = report({ kind: 'keychain_unavailable', action: 'retry' });
    mockCommands({ license_status: () => fail(r), demo_keys: () => [] });
    await start();
    expect(app.screen).toBe('error');
    expect(app.lastError).toEqual(r);
  });
});
