// The License view of a license that holds by its lease: offline (until when
// it works, when it was last confirmed) and in its grace period (connect
// within …, "Check now").

import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import App from '../App.svelte';
import License from '../lib/views/License.svelte';
import type { LicenseView } from '../lib/api';
import { callsOf, clearMocks, deferred, fail, mockCommands, type Handler } from '../lib/api/mock';
import { app, resetApp, start } from '../lib/state/app.svelte';
import { lease, leaseExpired, license, offlineLicense, unreachable } from './fixtures';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
  clearMocks();
  resetApp();
});

/** Starts with `first` activated; later reads of the license go to `later`. */
async function startWith(first: LicenseView, later: Handler = () => first) {
  let n = 0;
  const calls = mockCommands({
    license_status: (args) => (n++ === 0 ? first : later(args)),
    demo_keys: () => [],
    server_capabilities: () => first.capabilities,
  });
  await start();
  expect(app.screen).toBe('license');
  return () => callsOf(calls, 'license_status').length;
}

/** A license in its grace period, offline, whose grace ends `left` ms after now. */
function inGrace(left: number): LicenseView {
  return offlineLicense({
    stage: 'grace',
    renew_after: new Date(Date.now() - 5 * 86_400_000).toISOString(),
    expires_at: new Date(Date.now() - 86_400_000).toISOString(),
    grace_ends_at: new Date(Date.now() + left).toISOString(),
  });
}

const online = license({ lease: lease({ renew_after: '2099-01-01T00:00:00Z', expires_at: '2099-01-08T00:00:00Z' }) });

describe('Offline', () => {
  it('says until when the license works and when it was last confirmed, in the user’s time zone', async () => {
    vi.stubEnv('TZ', 'Pacific/Auckland'); // UTC+13 in December: 12:00Z on Fri 11 Dec is Sat 12 Dec there
    await startWith(offlineLicense({ confirmed_at: '2026-12-04T10:00:00Z', expires_at: '2026-12-11T12:00:00Z' }));
    render(License);
    const line = screen.getByTestId('offline-line');
    expect(line.textContent?.trim()).toMatch(/^Offline · works until Sat,? (12 Dec|Dec 12)\s+Last confirmed /);
    expect(screen.getByTestId('last-confirmed').textContent).toMatch(/^Last confirmed (Dec 4, 2026, 11:00\sPM|4 Dec 2026, 23:00)$/);
    // Never an error while the lease holds; the license stays in view.
    expect(screen.getByTestId('license-state').textContent?.trim()).toBe('Active');
    expect(screen.queryByTestId('error-title')).toBeNull();
    expect(screen.queryByTestId('grace-banner')).toBeNull();
  });

  it('is not said when the server answered', async () => {
    await startWith(online);
    render(License);
    expect(screen.queryByTestId('offline-line')).toBeNull();
    expect(screen.queryByTestId('grace-banner')).toBeNull();
    expect(screen.getByTestId('license-state')).toBeTruthy();
  });
});

describe('The grace banner', () => {
  it.each([
    [2 * 86_400_000, '2 days'],
    [5 * 3_600_000, '5 hours'],
    [30 * 60_000, '30 minutes'],
  ])('asks to connect within the time left (%i ms: %s)', async (left, words) => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse('2026-12-12T09:00:00Z'));
    await startWith(inGrace(left));
    render(License);
    const banner = screen.getByTestId('grace-banner');
    expect(banner.querySelector('p')?.textContent).toMatch(
      new RegExp(`^Connect to the internet within ${words} to keep using this license \\(until \\w+, \\w+ \\d+\\)\\.$`),
    );
    expect(screen.getByTestId('check-now').textContent?.trim()).toBe('Check now');
    expect(screen.getByTestId('offline-line')).toBeTruthy();
  });

  it('is the one place that says until when: the offline line keeps only when the license was last confirmed', async () => {
    await startWith(inGrace(2 * 86_400_000));
    render(License);
    expect(screen.getByTestId('grace-banner').textContent).toMatch(/\(until \w+, \w+ \d+\)/);
    const line = screen.getByTestId('offline-line');
    expect(line.textContent?.trim()).toMatch(/^Last confirmed /);
    expect(line.textContent).not.toContain('until');
  });

  it('“Check now” reads the license once, shows progress meanwhile, and shows what it read', async () => {
    const answer = deferred<LicenseView>();
    const reads = await startWith(inGrace(86_400_000), () => answer.promise);
    render(License);
    const button = screen.getByTestId('check-now') as HTMLButtonElement;
    await fireEvent.click(button);
    expect(button.disabled).toBe(true);
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect(button.textContent?.trim()).toBe('Checking…');
    await fireEvent.click(button);
    expect(reads()).toBe(2);
    answer.resolve(online);
    await waitFor(() => expect(screen.queryByTestId('grace-banner')).toBeNull());
    expect(screen.queryByTestId('offline-line')).toBeNull();
    expect(app.license).toEqual(online);
    expect(reads()).toBe(2);
  });

  it('says so when “Check now” still can’t reach the server', async () => {
    const still = inGrace(3_600_000);
    await startWith(inGrace(86_400_000), () => still);
    render(License);
    expect(screen.getByTestId('check-status').textContent).toBe('');
    await fireEvent.click(screen.getByTestId('check-now'));
    await waitFor(() => expect(screen.getByTestId('check-status').textContent).toMatch(/^Still can't reach the license server/));
    expect(screen.getByTestId('grace-banner').textContent).toContain('within 1 hour');
  });

  it('keeps the license on screen when “Check now” fails for now, and its “Try again” checks again', async () => {
    let n = 0;
    const reads = await startWith(inGrace(86_400_000), () => (++n === 1 ? fail(unreachable()) : online));
    render(License);
    await fireEvent.click(screen.getByTestId('check-now'));
    expect((await screen.findByTestId('error-title')).textContent).toBe("Can't reach the license server");
    expect(app.screen).toBe('license');
    expect(app.lastError?.code).toBe('offline');
    expect(screen.getByTestId('license-state')).toBeTruthy();
    expect(screen.getByTestId('grace-banner')).toBeTruthy();
    await fireEvent.click(screen.getByTestId('error-action'));
    await waitFor(() => expect(screen.queryByTestId('grace-banner')).toBeNull());
    expect(screen.queryByTestId('error-title')).toBeNull();
    expect(reads()).toBe(3);
  });

  it('shows the error screen when “Check now” finds the lease no longer holds', async () => {
    let n = 0;
    mockCommands({
      license_status: () => (++n === 1 ? inGrace(60_000) : fail(leaseExpired())),
      demo_keys: () => [],
      server_capabilities: () => license().capabilities,
    });
    render(App);
    await fireEvent.click(await screen.findByTestId('check-now'));
    expect((await screen.findByTestId('error-title')).textContent).toBe('Connect to keep using this license');
    expect(app.screen).toBe('error');
    expect(screen.queryByTestId('license-state')).toBeNull();
  });
});
