import { describe, expect, it } from 'vitest';
import { describeClockOffset, describeDuration, describeTimeLeft, formatDay, keyProblem, seatsText, stateLabel } from '../lib/format';
import { graceMessage, leaseStageLabel, offlineLine } from '../lib/lease';
import { lease } from './fixtures';

describe('keyProblem', () => {
  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['abc', 'too_short'],
    ['abcd', null],
    ['  ab-CD_12  ', null],
    ['A'.repeat(128), null],
    ['A'.repeat(129), 'too_long'],
    ['ab cd', 'bad_characters'],
    ['abcd!', 'bad_characters'],
    ['ключ-1234', 'bad_characters'],
  ])('%j → %s', (input, expected) => {
    expect(keyProblem(input)).toBe(expected);
  });
});

describe('clock and counts', () => {
  it('describes clock offsets', () => {
    expect(describeClockOffset(420)).toBe("Your computer's clock is 7 minutes fast.");
    expect(describeClockOffset(-60)).toBe("Your computer's clock is 1 minute slow.");
    expect(describeClockOffset(-30)).toBe("Your computer's clock is 30 seconds slow.");
    expect(describeClockOffset(3 * 3600)).toBe("Your computer's clock is 3 hours fast.");
    expect(describeDuration(3 * 86400)).toBe('3 days');
  });

  it('counts seats and names states', () => {
    expect(seatsText(2, 3)).toBe('2 of 3 seats used');
    expect(seatsText(1, 1)).toBe('1 of 1 seat used');
    expect(stateLabel('SUSPENDED')).toBe('Suspended');
    expect(stateLabel('GRACE_PERIOD')).toBe('Grace_period');
  });
});

describe('days and time left', () => {
  it('formats a day as weekday, day and month in the given locale and time zone', () => {
    expect(formatDay('2026-12-11T12:00:00Z', { locale: 'en-GB', timeZone: 'UTC' })).toBe('Fri 11 Dec');
    expect(formatDay('2026-12-11T12:00:00Z', { locale: 'en-GB', timeZone: 'Pacific/Auckland' })).toBe('Sat 12 Dec');
    expect(formatDay('2026-12-11T12:00:00Z', { locale: 'en-US', timeZone: 'UTC' })).toBe('Fri, Dec 11');
    expect(formatDay('not a date')).toBe('not a date');
  });

  it('rounds the time left to days, else hours, else minutes', () => {
    const MIN = 60_000;
    expect(describeTimeLeft(2 * 1440 * MIN)).toBe('2 days');
    expect(describeTimeLeft(5 * 60 * MIN)).toBe('5 hours');
    expect(describeTimeLeft(30 * MIN)).toBe('30 minutes');
    expect(describeTimeLeft(1440 * MIN)).toBe('1 day');
    expect(describeTimeLeft(23.6 * 60 * MIN)).toBe('1 day');
    expect(describeTimeLeft(59.6 * MIN)).toBe('1 hour');
    expect(describeTimeLeft(61 * MIN)).toBe('1 hour');
    expect(describeTimeLeft(36 * 60 * MIN)).toBe('2 days');
    expect(describeTimeLeft(20 * 1000)).toBe('1 minute');
    expect(describeTimeLeft(-5 * MIN)).toBe('1 minute');
  });
});

describe('the lease in words', () => {
  const valid = lease({ expires_at: '2026-12-11T12:00:00Z', grace_ends_at: '2026-12-14T12:00:00Z' });
  const gb = { locale: 'en-GB', timeZone: 'UTC' };

  it('says offline until the lease ends', () => {
    expect(offlineLine(valid, gb)).toBe('Offline · works until Fri 11 Dec');
  });

  it('asks to connect within the grace left, and says until when (core.ftl’s lease-grace)', () => {
    const now = Date.parse('2026-12-12T12:00:00Z');
    expect(graceMessage(valid, now, gb)).toBe('Connect to the internet within 2 days to keep using this license (until Mon 14 Dec).');
    expect(graceMessage(valid, now + 43 * 3_600_000, gb)).toBe(
      'Connect to the internet within 5 hours to keep using this license (until Mon 14 Dec).',
    );
  });

  it('names the stages', () => {
    expect(leaseStageLabel('valid')).toBe('Holds');
    expect(leaseStageLabel('grace')).toBe('In its grace period');
    expect(leaseStageLabel('expired')).toBe("Doesn't hold");
  });
});
