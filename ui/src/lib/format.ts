// Small formatting and validation helpers, in the window's language: words
// from the Fluent files, dates and times by `Intl` in that language's form.

import type { LicenseState } from './api';
import { lang, t } from './i18n';

/** Why a typed key does not look like a key, or `null` when it does. */
export type KeyProblem = 'empty' | 'too_short' | 'too_long' | 'bad_characters';

export const KEY_MIN = 4;
export const KEY_MAX = 128;
const KEY_CHARS = /^[A-Za-z0-9_-]+$/;

/** Checks the shape of a key (after trimming): 4–128 letters, digits, `-`, `_`. */
export function keyProblem(raw: string): KeyProblem | null {
  const key = raw.trim();
  if (key.length === 0) return 'empty';
  if (!KEY_CHARS.test(key)) return 'bad_characters';
  if (key.length < KEY_MIN) return 'too_short';
  if (key.length > KEY_MAX) return 'too_long';
  return null;
}

/** A calm hint for a key problem. */
export function keyHint(problem: KeyProblem | null): string {
  switch (problem) {
    case null:
      return t('activate-hint-ok');
    case 'empty':
      return t('activate-hint-empty');
    case 'too_short':
      return t('activate-hint-too-short', { min: KEY_MIN });
    case 'too_long':
      return t('activate-hint-too-long', { max: KEY_MAX });
    case 'bad_characters':
      return t('activate-hint-bad-characters');
  }
}

/** A span of time in words (core.ftl's `time-span`): "7 minutes", "1 day". */
function span(count: number, unit: 'days' | 'hours' | 'minutes' | 'seconds'): string {
  return t('time-span', { count, unit });
}

/** "7 minutes", "45 seconds", "3 hours", "2 days" for an absolute duration. */
export function describeDuration(totalSecs: number): string {
  const s = Math.round(Math.abs(totalSecs));
  if (s < 60) return span(s, 'seconds');
  const minutes = Math.round(s / 60);
  if (minutes < 120) return span(minutes, 'minutes');
  const hours = Math.round(s / 3600);
  if (hours < 48) return span(hours, 'hours');
  return span(Math.round(s / 86400), 'days');
}

/**
 * A time left, in whole days, else hours, else minutes: "2 days", "5 hours",
 * "30 minutes" (rounded; at least "1 minute").
 */
export function describeTimeLeft(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return span(minutes, 'minutes');
  const hours = Math.round(minutes / 60);
  if (hours < 24) return span(hours, 'hours');
  return span(Math.round(hours / 24), 'days');
}

/** "Your computer's clock is 7 minutes fast." (positive offset: ahead of the server). */
export function describeClockOffset(offsetSecs: number): string {
  if (Math.round(offsetSecs) === 0) return t('clock-matches');
  return t('clock-off', { span: describeDuration(offsetSecs), direction: offsetSecs > 0 ? 'fast' : 'slow' });
}

/** "2 of 3 seats used". */
export function seatsText(used: number, total: number): string {
  return t('seats-used', { used, total });
}

/** A friendly name for a license state ("Active"); unknown states as sent. */
export function stateLabel(state: LicenseState): string {
  switch (state) {
    case 'ACTIVE':
      return t('license-state-active');
    case 'SUSPENDED':
      return t('license-state-suspended');
    case 'EXPIRED':
      return t('license-state-expired');
    case 'REVOKED':
      return t('license-state-revoked');
    default:
      return state.charAt(0).toUpperCase() + state.slice(1).toLowerCase();
  }
}

/** Names in a list, as the language writes one: "machine_id, cpu, disk". */
export function formatList(items: string[]): string {
  return new Intl.ListFormat(lang(), { type: 'unit', style: 'short' }).format(items);
}

function parse(iso: string): Date | null {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A date like "Mar 12, 2026" in the window's language (the input when unreadable). */
export function formatDate(iso: string): string {
  const d = parse(iso);
  return d ? new Intl.DateTimeFormat(lang(), { dateStyle: 'medium' }).format(d) : iso;
}

/**
 * A day as weekday, day and month, like "Fri, Dec 11", in the window's
 * language and the user's time zone (`locale` and `timeZone` fix them; tests).
 */
export function formatDay(iso: string, options: { locale?: string; timeZone?: string } = {}): string {
  const d = parse(iso);
  if (!d) return iso;
  return new Intl.DateTimeFormat(options.locale ?? lang(), {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: options.timeZone,
  }).format(d);
}

/** A date and time in the window's language. */
export function formatDateTime(value: string | Date): string {
  const d = typeof value === 'string' ? parse(value) : value;
  if (!d) return String(value);
  return new Intl.DateTimeFormat(lang(), { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** "5 minutes ago", "just now", "in 2 days" relative to `now`, in the window's language. */
export function formatRelative(iso: string, now: Date = new Date()): string {
  const d = parse(iso);
  if (!d) return iso;
  const secs = Math.round((d.getTime() - now.getTime()) / 1000);
  if (Math.abs(secs) < 45) return t('time-just-now');
  const rtf = new Intl.RelativeTimeFormat(lang(), { numeric: 'auto' });
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 31_536_000],
    ['month', 2_592_000],
    ['week', 604_800],
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) {
    if (Math.abs(secs) >= size) return rtf.format(Math.round(secs / size), unit);
  }
  return rtf.format(Math.round(secs / 60), 'minute');
}

/** A unix-seconds timestamp as a local time of day (or date and time if not today), in the window's language. */
export function formatUnixTime(secs: number, now: Date = new Date()): string {
  const d = new Date(secs * 1000);
  const sameDay = d.toDateString() === now.toDateString();
  return new Intl.DateTimeFormat(
    lang(),
    sameDay ? { timeStyle: 'medium' } : { dateStyle: 'short', timeStyle: 'medium' },
  ).format(d);
}
