// The lease as people read it: the License view's offline line and grace
// banner, and the Support page's lease rows. The grace banner is core.ftl's
// `lease-grace`, the sentence `keyslot check` prints too.

import type { LeaseView, Verdict } from './api';
import { describeTimeLeft, formatDateTime, formatDay } from './format';
import { t } from './i18n';

/**
 * "Offline · works until Fri, Dec 11": when the lease ends (`options` fix
 * the locale and time zone; tests). In the grace period the grace banner
 * says until when instead.
 */
export function offlineLine(lease: LeaseView, options?: { locale?: string; timeZone?: string }): string {
  return t('license-offline-line', { until: formatDay(lease.expires_at, options) });
}

/** "Last confirmed Dec 8, 2026, 2:05 PM": when the server last confirmed the license. */
export function lastConfirmed(lease: LeaseView): string {
  return t('license-last-confirmed', { date: formatDateTime(lease.confirmed_at) });
}

/**
 * "Connect to the internet within 2 days to keep using this license (until
 * Mon, Dec 14).", from the grace left at `now` (ms).
 */
export function graceMessage(lease: LeaseView, now: number, options?: { locale?: string; timeZone?: string }): string {
  return t('lease-grace', {
    left: describeTimeLeft(Date.parse(lease.grace_ends_at) - now),
    until: formatDay(lease.grace_ends_at, options),
  });
}

/** The lease's stage in words. */
export function leaseStageLabel(stage: Verdict): string {
  switch (stage) {
    case 'valid':
      return t('support-lease-stage-valid');
    case 'grace':
      return t('support-lease-stage-grace');
    default:
      return t('support-lease-stage-other');
  }
}
