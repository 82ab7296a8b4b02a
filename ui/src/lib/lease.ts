// The lease as people read it: the License view's offline line and grace
// banner, and the Support page's lease rows. Pure.

import type { LeaseView, Verdict } from './api';
import { describeTimeLeft, formatDateTime, formatDay } from './format';

/**
 * When the license stops working without a connection: when the lease
 * ends, or, once in its grace period, when that ends.
 */
export function worksUntil(lease: LeaseView): string {
  return lease.stage === 'grace' ? lease.grace_ends_at : lease.expires_at;
}

/** "Offline · works until Fri 11 Dec" (`options` fix the locale and time zone; tests). */
export function offlineLine(lease: LeaseView, options?: { locale?: string; timeZone?: string }): string {
  return `Offline · works until ${formatDay(worksUntil(lease), options)}`;
}

/** "Last confirmed 8 Dec 2026, 14:05": when the server last confirmed the license. */
export function lastConfirmed(lease: LeaseView): string {
  return `Last confirmed ${formatDateTime(lease.confirmed_at)}`;
}

/** "Connect to the internet within 2 days to keep using this license", from the grace left at `now` (ms). */
export function graceMessage(lease: LeaseView, now: number): string {
  const left = describeTimeLeft(Date.parse(lease.grace_ends_at) - now);
  return `Connect to the internet within ${left} to keep using this license`;
}

/** What "Check now" says when the server still can't be reached (the lease still answers). */
export const STILL_OFFLINE = "Still can't reach the license server. Keyslot keeps trying.";

/** The lease's stage in words. */
export function leaseStageLabel(stage: Verdict): string {
  switch (stage) {
    case 'valid':
      return 'Holds';
    case 'grace':
      return 'In its grace period';
    default:
      return "Doesn't hold";
  }
}
