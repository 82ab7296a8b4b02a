// While the app runs, the store reads the license again: to renew its lease
// (after renew_after, with jitter; backing off while the server can't be
// reached) and to check in on a heartbeat, with one timer for both.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LicenseView } from '../lib/api';
import { callsOf, clearMocks, deferred, fail, mockCommands } from '../lib/api/mock';
import { app, checkNow, forget, resetApp, start } from '../lib/state/app.svelte';
import { nextCheckIn, renewalJitter, renewed, retryDelay } from '../lib/state/checks';
import { capabilities, lease, leaseExpired, license, unreachable } from './fixtures';

const NOW = Date.parse('2026-12-04T12:00:00Z');
const SEC = 1_000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const at = (ms: number) => new Date(NOW + ms).toISOString();

/** A license confirmed at NOW whose lease renews `renewIn` and ends `endsIn` from NOW (ms). */
function leased(renewIn: number, endsIn: number, overrides: Partial<LicenseView> = {}): LicenseView {
  return license({
    lease: lease({ confirmed_at: at(0), renew_after: at(renewIn), expires_at: at(endsIn), grace_ends_at: at(endsIn + 3 * DAY) }),
    ...overrides,
  });
}

/**
 * Starts the app with `first` activated. Later reads of the license answer
 * from `answers` in order, the last one repeating. Returns how many times
 * the license was read.
 */
async function startWith(first: LicenseView, ...answers: (() => unknown)[]): Promise<() => number> {
  let n = 0;
  const calls = mockCommands({
    license_status: () => (n++ === 0 ? first : answers[Math.min(n - 2, answers.length - 1)]()),
    demo_keys: () => [],
    server_capabilities: () => first.capabilities,
    forget_license: () => null,
  });
  await start();
  expect(app.screen).toBe('license');
  return () => callsOf(calls, 'license_status').length;
}

const wait = (ms: number) => vi.advanceTimersByTimeAsync(ms);

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
});

afterEach(() => {
  vi.useRealTimers();
  clearMocks();
  resetApp();
});

describe('when the next check is due', () => {
  const now = NOW;

  it('is never without a heartbeat or a lease', () => {
    expect(nextCheckIn(license(), 0, now, 0.5)).toBeNull();
  });

  it('is the heartbeat without a lease', () => {
    expect(nextCheckIn(license({ capabilities: capabilities({ heartbeat_secs: 300 }) }), 0, now, 0.5)).toBe(300 * SEC);
  });

  it('is renew_after plus up to 10% of the lease left then, at most 10 minutes', () => {
    // An hour left at renewal: up to 6 minutes of jitter.
    expect(nextCheckIn(leased(HOUR, 2 * HOUR), 0, now, 0)).toBe(HOUR);
    expect(nextCheckIn(leased(HOUR, 2 * HOUR), 0, now, 0.5)).toBe(HOUR + 3 * MIN);
    // Thirty days left: capped at 10 minutes.
    expect(nextCheckIn(leased(DAY, 31 * DAY), 0, now, 0.5)).toBe(DAY + 5 * MIN);
    expect(renewalJitter(leased(DAY, 31 * DAY).lease!, now, 0.999)).toBeLessThanOrEqual(10 * MIN);
    expect(renewalJitter(leased(DAY, 31 * DAY).lease!, now, 0.999)).toBeGreaterThan(9.9 * MIN);
  });

  it('is the sooner of the heartbeat and the renewal', () => {
    const both = leased(HOUR, DAY, { capabilities: capabilities({ heartbeat_secs: 300 }) });
    expect(nextCheckIn(both, 0, now, 0)).toBe(300 * SEC);
    const late = leased(2 * MIN, DAY, { capabilities: capabilities({ heartbeat_secs: 300 }) });
    expect(nextCheckIn(late, 0, now, 0)).toBe(2 * MIN);
  });

  it('backs off from 30 s, doubling, up to 15 minutes, once the renewal is due', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(retryDelay)).toEqual([30, 60, 120, 240, 480, 900, 900, 900].map((s) => s * SEC));
    const due = leased(-HOUR, HOUR);
    expect(nextCheckIn(due, 1, now, 0.5)).toBe(30 * SEC);
    expect(nextCheckIn(due, 3, now, 0.5)).toBe(2 * MIN);
    expect(nextCheckIn(due, 9, now, 0.5)).toBe(15 * MIN);
    // Before renew_after, an offline view retries too, unless the renewal comes first.
    expect(nextCheckIn(leased(HOUR, DAY), 2, now, 0)).toBe(MIN);
    expect(nextCheckIn(leased(10 * SEC, DAY), 2, now, 0)).toBe(10 * SEC);
  });

  it('is never sooner than 30 s for a renewal due already', () => {
    expect(nextCheckIn(leased(-HOUR, -MIN), 0, now, 0)).toBe(30 * SEC);
  });

  it('counts a check as renewed only when it reached the server and left no renewal due', () => {
    expect(renewed(license(), now)).toBe(true);
    expect(renewed(leased(HOUR, DAY), now)).toBe(true);
    expect(renewed(leased(HOUR, DAY, { offline: true }), now)).toBe(false);
    expect(renewed(leased(-MIN, DAY), now)).toBe(false);
  });
});

describe('the renewal', () => {
  it('reads the license quietly after renew_after plus jitter, and then after the new lease’s', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const next = leased(DAY, 2 * DAY);
    const reads = await startWith(leased(HOUR, 2 * HOUR), () => next);
    expect(vi.getTimerCount()).toBe(1);
    await wait(HOUR + 3 * MIN - SEC);
    expect(reads()).toBe(1);
    await wait(SEC);
    expect(reads()).toBe(2);
    expect(app.license).toEqual(next);
    expect(app.screen).toBe('license');
    expect(vi.getTimerCount()).toBe(1);
    // The new lease: a day from NOW, and 10% of its remaining day (capped 10 min) × 0.5.
    await wait(DAY - (HOUR + 3 * MIN) + 5 * MIN - SEC);
    expect(reads()).toBe(2);
    await wait(SEC);
    expect(reads()).toBe(3);
  });

  it('retries a transient failure with backoff, never changing screens', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const first = leased(HOUR, DAY);
    const next = leased(DAY, 2 * DAY);
    let failures = 2;
    const reads = await startWith(first, () => (failures-- > 0 ? fail(unreachable()) : next));
    await wait(HOUR);
    expect(reads()).toBe(2);
    expect(app.screen).toBe('license');
    expect(app.license).toEqual(first);
    expect(app.lastError).toBeNull();
    await wait(30 * SEC - 1);
    expect(reads()).toBe(2);
    await wait(1);
    expect(reads()).toBe(3);
    expect(app.screen).toBe('license');
    await wait(60 * SEC - 1);
    expect(reads()).toBe(3);
    await wait(1);
    expect(reads()).toBe(4);
    expect(app.license).toEqual(next);
    expect(vi.getTimerCount()).toBe(1);
    await wait(15 * MIN);
    expect(reads()).toBe(4); // renewed: back to the new lease's renew_after
  });

  it('keeps retrying while the lease answers offline, backing off to 15 minutes', async () => {
    const inGrace = leased(-3 * DAY, -HOUR, { offline: true });
    inGrace.lease!.stage = 'grace';
    const reads = await startWith(inGrace, () => inGrace);
    let expected = 1;
    for (const secs of [30, 60, 120, 240, 480, 900, 900]) {
      await wait(secs * SEC - 1);
      expect(reads()).toBe(expected);
      await wait(1);
      expect(reads()).toBe(++expected);
      expect(vi.getTimerCount()).toBe(1);
    }
    expect(app.screen).toBe('license');
  });

  it('shows the error screen when the lease no longer holds', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    await startWith(leased(HOUR, DAY), () => fail(leaseExpired()));
    await wait(HOUR);
    expect(app.screen).toBe('error');
    expect(app.startupError?.report.code).toBe('lease_expired');
    expect(app.license).toBeNull();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops when the license is forgotten', async () => {
    const reads = await startWith(leased(HOUR, DAY), () => leased(HOUR, DAY));
    await forget();
    expect(vi.getTimerCount()).toBe(0);
    await wait(2 * DAY);
    expect(reads()).toBe(1);
  });

  it('ignores an answer that comes after the license was forgotten', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const late = deferred<LicenseView>();
    const reads = await startWith(leased(HOUR, DAY), () => late.promise);
    await wait(HOUR);
    expect(reads()).toBe(2);
    await forget();
    late.resolve(leased(DAY, 2 * DAY));
    await wait(0);
    expect(app.license).toBeNull();
    expect(app.screen).toBe('activate');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('serves the heartbeat and the lease with one timer', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const both = leased(HOUR, DAY, { capabilities: capabilities({ heartbeat_secs: 600 }) });
    const reads = await startWith(both, () => both);
    for (let i = 1; i <= 6; i++) {
      await wait(10 * MIN);
      expect(reads()).toBe(1 + i);
      expect(vi.getTimerCount()).toBe(1);
    }
  });
});

describe('checkNow', () => {
  it('reads the license once and shows it', async () => {
    const next = leased(DAY, 2 * DAY);
    const reads = await startWith(leased(-HOUR, HOUR, { offline: true }), () => next);
    await checkNow();
    expect(reads()).toBe(2);
    expect(app.license).toEqual(next);
    expect(vi.getTimerCount()).toBe(1);
  });

  it('joins a check already running rather than starting another', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const answer = deferred<LicenseView>();
    const next = leased(DAY, 2 * DAY);
    const reads = await startWith(leased(HOUR, DAY), () => answer.promise);
    await wait(HOUR);
    expect(reads()).toBe(2);
    const now = checkNow();
    answer.resolve(next);
    await now;
    expect(reads()).toBe(2);
    expect(app.license).toEqual(next);
    expect(vi.getTimerCount()).toBe(1);
  });

  it('throws a transient failure and keeps the license on screen', async () => {
    const first = leased(HOUR, DAY);
    await startWith(first, () => fail(unreachable()));
    await expect(checkNow()).rejects.toMatchObject({ report: { retry: 'backoff' } });
    expect(app.screen).toBe('license');
    expect(app.license).toEqual(first);
    expect(vi.getTimerCount()).toBe(1);
  });

  it('shows the error screen for a lease that no longer holds', async () => {
    await startWith(leased(HOUR, DAY), () => fail(leaseExpired()));
    await checkNow();
    expect(app.screen).toBe('error');
    expect(app.startupError?.report.code).toBe('lease_expired');
    expect(app.lastError?.code).toBe('lease_expired');
  });
});
