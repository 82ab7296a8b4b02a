// Small, pure formatting and validation helpers.

import type { LicenseState } from './api';

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
      return 'Press Enter or Activate.';
    case 'empty':
      return 'Paste the license key from your purchase email.';
    case 'too_short':
      return `That's shorter than a license key (at least ${KEY_MIN} characters).`;
    case 'too_long':
      return `That's longer than a license key (at most ${KEY_MAX} characters).`;
    case 'bad_characters':
      return 'A license key has only letters, digits, “-” and “_”. Check for spaces or other characters in the middle.';
  }
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "7 minutes", "45 seconds", "3 hours", "2 days" for an absolute duration. */
export function describeDuration(totalSecs: number): string {
  const s = Math.round(Math.abs(totalSecs));
  if (s < 60) return plural(s, 'second', 'seconds');
  const minutes = Math.round(s / 60);
  if (minutes < 120) return plural(minutes, 'minute', 'minutes');
  const hours = Math.round(s / 3600);
  if (hours < 48) return plural(hours, 'hour', 'hours');
  return plural(Math.round(s / 86400), 'day', 'days');
}

/**
 * A time left, in whole days, else hours, else minutes: "2 days", "5 hours",
 * "30 minutes" (rounded; at least "1 minute").
 */
export function describeTimeLeft(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return plural(minutes, 'minute', 'minutes');
  const hours = Math.round(minutes / 60);
  if (hours < 24) return plural(hours, 'hour', 'hours');
  return plural(Math.round(hours / 24), 'day', 'days');
}

/** "Your computer's clock is 7 minutes fast." (positive offset: ahead of the server). */
export function describeClockOffset(offsetSecs: number): string {
  if (Math.round(offsetSecs) === 0) return "Your computer's clock matches the server's.";
  const direction = offsetSecs > 0 ? 'fast' : 'slow';
  return `Your computer's clock is ${describeDuration(offsetSecs)} ${direction}.`;
}

/** "2 of 3 seats used". */
export function seatsText(used: number, total: number): string {
  return `${used} of ${total} ${total === 1 ? 'seat' : 'seats'} used`;
}

/** A friendly name for a license state ("Active"); unknown states as sent. */
export function stateLabel(state: LicenseState): string {
  switch (state) {
    case 'ACTIVE':
      return 'Active';
    case 'SUSPENDED':
      return 'Suspended';
    case 'EXPIRED':
      return 'Expired';
    case 'REVOKED':
      return 'Revoked';
    default:
      return state.charAt(0).toUpperCase() + state.slice(1).toLowerCase();
  }
}

function parse(iso: string): Date | null {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A date like "12 Mar 2026" in the user's locale (the input when unreadable). */
export function formatDate(iso: string): string {
  const d = parse(iso);
  return d ? new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(d) : iso;
}

/**
 * A day as weekday, day and month, like "Fri 11 Dec", in the user's locale
 * and time zone (`locale` and `timeZone` fix them; tests).
 */
export function formatDay(iso: string, options: { locale?: string; timeZone?: string } = {}): string {
  const d = parse(iso);
  if (!d) return iso;
  return new Intl.DateTimeFormat(options.locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: options.timeZone,
  }).format(d);
}

/** A date and time in the user's locale. */
export function formatDateTime(value: string | Date): string {
  const d = typeof value === 'string' ? parse(value) : value;
  if (!d) return String(value);
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** "5 minutes ago", "just now", "in 2 days" relative to `now`. */
export function formatRelative(iso: string, now: Date = new Date()): string {
  const d = parse(iso);
  if (!d) return iso;
  const secs = Math.round((d.getTime() - now.getTime()) / 1000);
  if (Math.abs(secs) < 45) return 'just now';
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
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

/** A unix-seconds timestamp as a local time of day (or date and time if not today). */
export function formatUnixTime(secs: number, now: Date = new Date()): string {
  const d = new Date(secs * 1000);
  const sameDay = d.toDateString() === now.toDateString();
  return new Intl.DateTimeFormat(
    undefined,
    sameDay ? { timeStyle: 'medium' } : { dateStyle: 'short', timeStyle: 'medium' },
  ).format(d);
}
