import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import App from '../App.svelte';
import { callsOf, clearMocks, deferred, fail, mockCommands } from '../lib/api/mock';
import { app, boot, bootedOrAfter, resetApp } from '../lib/state/app.svelte';
import { aboutView, device, devicesView, diagnostics, license, notActivated, report } from './fixtures';
import { visibleText } from './visible';

afterEach(() => {
  clearMocks();
  resetApp();
});

describe('App start', () => {
  it('shows the License view when a license is activated', async () => {
    mockCommands({
      license_status: () => license({ expires_at: null, clock_offset_secs: -180 }),
    });
    render(App);
    const state = await screen.findByTestId('license-state');
    expect(state.textContent?.trim()).toBe('Active');
    expect(state.dataset.state).toBe('ACTIVE');
    expect(screen.getByTestId('seats').textContent?.trim()).toBe('2 of 3 seats used');
    expect(screen.getByTestId('expiry').textContent?.trim()).toBe('Never expires');
    expect(screen.getByTestId('this-device-name').textContent).toContain('Work desktop');
    expect(screen.getByTestId('key-hint').textContent).toBe('…ABCD');
    expect(screen.getByTestId('clock-note').textContent).toContain("Your computer's clock is 3 minutes slow.");
    for (const id of ['nav-license', 'nav-devices', 'nav-support']) expect(screen.getByTestId(id)).toBeTruthy();
    expect(screen.getByTestId('license-devices')).toBeTruthy();
    expect(screen.getByTestId('license-support')).toBeTruthy();
  });

  it('shows an expiry date, and no clock note when the clock is right', async () => {
    mockCommands({ license_status: () => license({ expires_at: '2099-03-12T00:00:00Z' }) });
    render(App);
    expect((await screen.findByTestId('expiry')).textContent).toMatch(/Expires on .*2099/);
    expect(screen.queryByTestId('clock-note')).toBeNull();
  });

  it('shows the Activate view when nothing is activated', async () => {
    mockCommands({ license_status: () => fail(notActivated()), demo_keys: () => [] });
    render(App);
    const input = await screen.findByTestId('key-input');
    expect(screen.queryByTestId('error-title')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(input));
    expect(screen.queryByTestId('nav-devices')).toBeNull();
  });

  it('reads the demo keys alongside the license, so Activate appears complete', async () => {
    const status = deferred<never>();
    const calls = mockCommands({
      license_status: () => status.promise,
      demo_keys: () => [{ key: 'DEMO-FREE-0001', label: 'One seat free' }],
    });
    render(App);
    await waitFor(() => expect(callsOf(calls, 'demo_keys')).toHaveLength(1)); // before the status answers
    expect(screen.queryByTestId('key-input')).toBeNull();
    status.reject(notActivated());
    await screen.findByTestId('key-input');
    expect(screen.getAllByTestId('demo-key').map((b) => b.dataset.key)).toEqual(['DEMO-FREE-0001']);
    expect(callsOf(calls, 'demo_keys')).toHaveLength(1); // Activate reuses them
  });

  it('runs the start-up check once however often it is asked for', async () => {
    const calls = mockCommands({ license_status: () => license(), demo_keys: () => [] });
    await Promise.all([boot(), boot()]);
    render(App); // its onMount asks again
    await screen.findByTestId('license-state');
    expect(callsOf(calls, 'license_status')).toHaveLength(1);
    expect(callsOf(calls, 'demo_keys')).toHaveLength(1);
  });

  it('lets the first paint wait for a fast check, and no longer than the limit for a slow one', async () => {
    const status = deferred<never>();
    mockCommands({ license_status: () => status.promise, demo_keys: () => [] });
    const started = performance.now();
    await bootedOrAfter(30);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
    expect(app.screen).toBe('starting');
    status.reject(notActivated());
    await boot();
    expect(app.screen).toBe('activate');
    await bootedOrAfter(10_000); // done already: resolves at once (a hang would time the test out)
  });

  it('shows any other error with its action, and keeps Activate reachable', async () => {
    let n = 0;
    const calls = mockCommands({
      license_status: () =>
        ++n === 1
          ? fail(report({ kind: 'keychain_unavailable', code: 'KS_KEYCHAIN', title: 'The keychain is locked', action: 'retry' }))
          : license(),
      demo_keys: () => [],
    });
    const { container } = render(App);
    expect((await screen.findByTestId('error-title')).textContent).toBe('The keychain is locked');
    expect(app.lastError?.code).toBe('KS_KEYCHAIN');
    expect(visibleText(container)).not.toContain('KS_KEYCHAIN');
    expect(screen.getByTestId('go-activate')).toBeTruthy();
    expect(screen.getByTestId('nav-activate')).toBeTruthy();

    await fireEvent.click(screen.getByTestId('error-action')); // Try again
    await screen.findByTestId('license-state');
    expect(callsOf(calls, 'license_status')).toHaveLength(2);
  });

  it('“Get help” on the start-up error opens Support', async () => {
    mockCommands({
      license_status: () => fail(report({ kind: 'vendor_credentials', action: 'contact_support' })),
      demo_keys: () => [],
      diagnose: () => diagnostics(),
    });
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Get help' }));
    expect(await screen.findByTestId('copy-report')).toBeTruthy();
  });

  it('“Activate this device” on the start-up error opens Activate', async () => {
    const calls = mockCommands({ license_status: () => fail(report({ kind: 'machine_not_activated', action: 'activate' })), demo_keys: () => [] });
    render(App);
    const action = await screen.findByTestId('error-action');
    expect(action.textContent?.trim()).toBe('Activate this device');
    await fireEvent.click(action);
    expect(await screen.findByTestId('key-input')).toBeTruthy();
    expect(callsOf(calls, 'license_status')).toHaveLength(1);
  });

  it('can go from the start-up error to Activate', async () => {
    mockCommands({ license_status: () => fail(report({ kind: 'server_unavailable', action: 'retry' })), demo_keys: () => [] });
    render(App);
    await fireEvent.click(await screen.findByTestId('go-activate'));
    expect(await screen.findByTestId('key-input')).toBeTruthy();
  });
});

describe('navigation', () => {
  it('moves between License, Devices and Support', async () => {
    mockCommands({
      license_status: () => license(),
      list_devices: () => devicesView([device({ this_device: true })]),
      diagnose: () => diagnostics(),
    });
    render(App);
    await fireEvent.click(await screen.findByTestId('nav-devices'));
    expect(await screen.findByTestId('device-row')).toBeTruthy();
    expect(screen.getByTestId('nav-devices').getAttribute('aria-current')).toBe('page');
    await fireEvent.click(screen.getByTestId('nav-support'));
    expect(await screen.findByTestId('copy-report')).toBeTruthy();
    await fireEvent.click(screen.getByTestId('nav-license'));
    expect(await screen.findByTestId('license-state')).toBeTruthy();
    await fireEvent.click(screen.getByTestId('license-devices'));
    expect(app.screen).toBe('devices');
  });
});

describe('About', () => {
  it('is in the navigation bar without a license', async () => {
    mockCommands({ license_status: () => fail(notActivated()), demo_keys: () => [], about: () => aboutView() });
    render(App);
    await screen.findByTestId('nav-activate');
    await fireEvent.click(screen.getByTestId('nav-about'));
    expect((await screen.findByTestId('about-version')).textContent?.trim()).toBe('0.1.0');
    expect(screen.getByTestId('nav-about').getAttribute('aria-current')).toBe('page');
    expect(app.screen).toBe('about');
  });

  it('is in the navigation bar with a license', async () => {
    mockCommands({ license_status: () => license(), about: () => aboutView() });
    render(App);
    await screen.findByTestId('license-state');
    await fireEvent.click(screen.getByTestId('nav-about'));
    expect(await screen.findByTestId('about-server')).toBeTruthy();
    expect(app.screen).toBe('about');
  });
});

describe('Remove license from this device', () => {
  it('asks first, then forgets the license and shows Activate', async () => {
    const calls = mockCommands({ license_status: () => license(), forget_license: () => null, demo_keys: () => [] });
    render(App);
    await fireEvent.click(await screen.findByTestId('forget-button'));
    expect(screen.getByTestId('confirm-title').textContent).toBe('Remove the license from this device?');
    expect(callsOf(calls, 'forget_license')).toHaveLength(0);
    await fireEvent.click(screen.getByTestId('confirm-button'));
    expect(await screen.findByTestId('key-input')).toBeTruthy();
    expect(callsOf(calls, 'forget_license')).toHaveLength(1);
    expect(app.license).toBeNull();
  });

  it('shows the error when removing fails, and “Try again” removes again', async () => {
    let n = 0;
    const calls = mockCommands({
      license_status: () => license(),
      forget_license: () => (++n === 1 ? fail(report({ kind: 'network', action: 'check_connection', title: 'No connection' })) : null),
      demo_keys: () => [],
    });
    render(App);
    await fireEvent.click(await screen.findByTestId('forget-button'));
    await fireEvent.click(screen.getByTestId('confirm-button'));
    expect((await screen.findByTestId('error-title')).textContent).toBe('No connection');
    expect(app.lastError?.title).toBe('No connection');
    expect(app.license).toEqual(license());
    await fireEvent.click(screen.getByTestId('error-action'));
    expect(await screen.findByTestId('key-input')).toBeTruthy();
    expect(callsOf(calls, 'forget_license')).toHaveLength(2);
  });

  it('Escape cancels', async () => {
    const calls = mockCommands({ license_status: () => license(), forget_license: () => null });
    render(App);
    await fireEvent.click(await screen.findByTestId('forget-button'));
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
    expect(callsOf(calls, 'forget_license')).toHaveLength(0);
    expect(screen.getByTestId('license-state')).toBeTruthy();
  });
});
