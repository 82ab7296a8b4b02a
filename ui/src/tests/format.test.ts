import { describe, expect, it } from 'vitest';
import { describeClockOffset, describeDuration, keyProblem, seatsText, stateLabel } from '../lib/format';

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
