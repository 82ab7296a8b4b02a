// When the store reads the license again while the app runs. One schedule
// serves both reasons to: a server that keeps a session (appauth) wants a
// check-in every `heartbeat_secs`, and a lease wants renewing after its
// `renew_after`. Pure: the store arms the one timer.

import type { LeaseView, LicenseView } from '../api';

/** The first retry of a renewal that didn't get through; doubles from there. */
export const RETRY_FIRST_MS = 30_000;
/** The longest wait between retries. */
export const RETRY_MAX_MS = 15 * 60_000;
/** The most jitter added to a renewal. */
export const JITTER_MAX_MS = 10 * 60_000;
/** The share of the lease's remaining time drawn as jitter, at most. */
const JITTER_SHARE = 0.1;

/** Whether `lease` is due for renewal at `now` (ms). */
export function renewalDue(lease: LeaseView, now: number): boolean {
  return !(now < Date.parse(lease.renew_after));
}

/**
 * Whether a check that answered `license` renewed what there is to renew:
 * it reached the server and left no renewal due. Without a lease there is
 * nothing to renew.
 */
export function renewed(license: LicenseView, now: number): boolean {
  if (!license.lease) return true;
  return !license.offline && !renewalDue(license.lease, now);
}

/** The wait before retry number `missed` (1 → 30 s, doubling, at most 15 minutes). */
export function retryDelay(missed: number): number {
  return Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** Math.max(0, missed - 1));
}

/**
 * The random delay added to a renewal, so that many apps don't renew at
 * once: `random` (in [0, 1)) times 10% of the lease's remaining time when
 * the renewal is due, at most 10 minutes.
 */
export function renewalJitter(lease: LeaseView, now: number, random: number): number {
  const from = Math.max(now, Date.parse(lease.renew_after));
  const remaining = Math.max(0, Date.parse(lease.expires_at) - from);
  return random * Math.min(remaining * JITTER_SHARE, JITTER_MAX_MS);
}

/**
 * How long to wait (ms) before reading `license` again, or `null` for never:
 * the sooner of the heartbeat and the lease's renewal. The renewal comes
 * after `renew_after` plus jitter, and never sooner than 30 s; after
 * `missed` checks in a row that didn't renew it (offline, or a transient
 * error), it is retried with backoff instead, or at `renew_after` if that
 * comes first.
 */
export function nextCheckIn(license: LicenseView, missed: number, now: number, random: number): number | null {
  const waits: number[] = [];
  const heartbeat = license.capabilities.heartbeat_secs;
  if (heartbeat && heartbeat > 0) waits.push(heartbeat * 1000);
  const lease = license.lease;
  if (lease) {
    const renewal = Date.parse(lease.renew_after) - now + renewalJitter(lease, now, random);
    if (!Number.isFinite(renewal)) waits.push(retryDelay(Math.max(1, missed)));
    else if (missed === 0) waits.push(Math.max(RETRY_FIRST_MS, renewal));
    else if (renewalDue(lease, now)) waits.push(retryDelay(missed));
    else waits.push(Math.min(retryDelay(missed), renewal));
  }
  return waits.length > 0 ? Math.min(...waits) : null;
}
