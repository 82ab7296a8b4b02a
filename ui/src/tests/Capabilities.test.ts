import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import App from '../App.svelte';
import Activate from '../lib/views/Activate.svelte';
import { callsOf, clearMocks, fail, mockCommands } from '../lib/api/mock';
import { app, loadCapabilities, resetApp } from '../lib/state/app.svelte';
import { capabilities, deviceLimit, license, noDeviceList, report } from './fixtures';

afterEach(() => {
  vi.useRealTimers();
  clearMocks();
  resetApp();
});

describe('A server without a device list', () => {
  it('hides Devices and says where to free a device instead', async () => {
    mockCommands({
      license_status: () => license({ capabilities: noDeviceList() }),
      server_capabilities: () => noDeviceList(),
    });
    render(App);
    await screen.findByTestId('license-state');
    expect(screen.queryByTestId('nav-devices')).toBeNull();
    expect(screen.queryByTestId('license-devices')).toBeNull();
    expect(screen.getByTestId('free-elsewhere').textContent).toContain('customer portal');

    await fireEvent.click(screen.getByTestId('forget-button'));
    expect(document.body.textContent).toContain('keeps this device');
    expect(document.body.textContent).not.toContain('This frees the seat');
  });

  it('answers "Free a slot" with where to do it, not a device list', async () => {
    const calls = mockCommands({
      demo_keys: () => [],
      activate: () => fail(deviceLimit()),
      server_capabilities: () => noDeviceList(),
    });
    await loadCapabilities();
    render(Activate);
    await fireEvent.input(screen.getByTestId('key-input'), { target: { value: 'GG-KEY-0001' } });
    await fireEvent.click(screen.getByTestId('activate-button'));
    await fireEvent.click(await screen.findByRole('button', { name: 'Free a slot' }));
    expect((await screen.findByTestId('free-elsewhere')).textContent).toContain('customer portal');
    expect(callsOf(calls, 'list_devices_for')).toHaveLength(0);
  });

  it('still opens the device list where the server has one', async () => {
    const calls = mockCommands({
      demo_keys: () => [],
      activate: () => fail(deviceLimit()),
      list_devices_for: () => fail(report()),
      server_capabilities: () => capabilities(),
    });
    await loadCapabilities();
    render(Activate);
    await fireEvent.input(screen.getByTestId('key-input'), { target: { value: 'KS-KEY-0001' } });
    await fireEvent.click(screen.getByTestId('activate-button'));
    await fireEvent.click(await screen.findByRole('button', { name: 'Free a slot' }));
    await waitFor(() => expect(callsOf(calls, 'list_devices_for')).toHaveLength(1));
    expect(screen.queryByTestId('free-elsewhere')).toBeNull();
  });
});

describe('A server that keeps a session', () => {
  it('checks in every heartbeat and shows a lost license', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let beats = 0;
    const revoked = report({ kind: 'revoked', title: 'This license was revoked', retry: 'never' });
    const calls = mockCommands({
      license_status: () => (++beats < 3 ? license({ capabilities: capabilities({ heartbeat_secs: 300 }) }) : fail(revoked)),
      server_capabilities: () => capabilities({ heartbeat_secs: 300 }),
    });
    render(App);
    await screen.findByTestId('license-state');
    expect(callsOf(calls, 'license_status')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(300_000);
    expect(callsOf(calls, 'license_status')).toHaveLength(2);
    expect(app.screen).toBe('license');
    await vi.advanceTimersByTimeAsync(300_000);
    await waitFor(() => expect(app.screen).toBe('error'));
    expect(document.body.textContent).toContain('This license was revoked');
    await vi.advanceTimersByTimeAsync(600_000);
    expect(callsOf(calls, 'license_status')).toHaveLength(3);
  });

  it('keeps the license on a transient failure', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let beats = 0;
    mockCommands({
      license_status: () =>
        ++beats === 1 ? license({ capabilities: capabilities({ heartbeat_secs: 60 }) }) : fail(report({ retry: 'backoff' })),
    });
    render(App);
    await screen.findByTestId('license-state');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(beats).toBe(2);
    expect(app.screen).toBe('license');
  });
});
