// The window's words: t() in each language, English as each message's
// fallback, plurals, dates in the language's form; and the ids the sources
// ask for, each in ui.ftl or core.ftl, each of ui.ftl's asked for.

import { afterEach, describe, expect, it } from 'vitest';
import { FluentBundle, FluentResource } from '@fluent/bundle';
import { describeDuration, formatDate, formatRelative, seatsText } from '../lib/format';
import { applyLanguage, pieces, slot, t } from '../lib/i18n';
import { formatIn, source } from '../lib/i18n/bundles';

afterEach(() => applyLanguage('en'));

function bundle(lang: string, ftl: string): FluentBundle {
  const b = new FluentBundle(lang, { useIsolating: false });
  b.addResource(new FluentResource(ftl));
  return b;
}

describe('t()', () => {
  it('speaks each language, and says which in <html lang>', () => {
    expect(t('language-name')).toBe('English');
    applyLanguage('de');
    expect(t('language-name')).toBe('Deutsch');
    expect(document.documentElement.lang).toBe('de');
    applyLanguage('ja');
    expect(t('language-name')).toBe('日本語');
    expect(document.documentElement.lang).toBe('ja');
  });

  it('falls back to English message by message, then to the id', () => {
    const de = bundle('de', 'greeting = Hallo { $name }\n');
    const en = bundle('en', 'greeting = Hello { $name }\nfarewell = Goodbye\n    .title = Bye\n');
    expect(formatIn([de, en], 'greeting', { name: 'Ada' })).toBe('Hallo Ada');
    expect(formatIn([de, en], 'farewell')).toBe('Goodbye');
    expect(formatIn([de, en], 'farewell.title')).toBe('Bye');
    expect(formatIn([de, en], 'farewell.nothing')).toBeNull();
    expect(formatIn([de, en], 'nothing')).toBeNull();
    applyLanguage('ja');
    expect(t('no-such-message')).toBe('no-such-message');
  });

  it('reads attributes', () => {
    expect(t('activate-button')).toBe('Activate');
    expect(t('activate-button.busy')).toBe('Activating…');
    expect(t('devices-free-button.aria-label', { name: 'Old laptop' })).toBe('Free the seat of Old laptop');
  });

  it('marks where an element goes in a message, wherever the translation puts it', () => {
    expect(pieces(t('devices-summary', { hint: slot('hint'), seats: slot('seats') }))).toEqual([
      { text: 'Key ' },
      { slot: 'hint' },
      { text: ': ' },
      { slot: 'seats' },
    ]);
    expect(pieces(`${slot('a')} vor ${slot('b')}`)).toEqual([{ slot: 'a' }, { text: ' vor ' }, { slot: 'b' }]);
  });

  it('chooses plural forms by the language’s rules', () => {
    expect(seatsText(1, 1)).toBe('1 of 1 seat used');
    expect(seatsText(2, 3)).toBe('2 of 3 seats used');
    expect(t('activate-hint-too-short', { min: 1 })).toBe("That's shorter than a license key (at least 1 character).");
    expect(describeDuration(60)).toBe('1 minute');
    expect(describeDuration(180)).toBe('3 minutes');
    applyLanguage('de');
    expect(t('time-span', { count: 1, unit: 'days' })).toBe('1 Tag');
    expect(t('time-span', { count: 3, unit: 'days' })).toBe('3 Tage');
  });

  it('writes dates and relative times in the language’s form', () => {
    const now = new Date('2026-12-11T12:00:00Z');
    const fiveMinutesAgo = '2026-12-11T11:55:00Z';
    expect(formatDate('2026-12-11T12:00:00Z')).toBe('Dec 11, 2026');
    expect(formatRelative(fiveMinutesAgo, now)).toBe('5 minutes ago');
    expect(formatRelative('2026-12-11T11:59:50Z', now)).toBe('just now');
    applyLanguage('de');
    expect(formatDate('2026-12-11T12:00:00Z')).toBe('11.12.2026');
    expect(formatRelative(fiveMinutesAgo, now)).toBe('vor 5 Minuten');
    applyLanguage('ja');
    expect(formatDate('2026-12-11T12:00:00Z')).toBe('2026/12/11');
    expect(formatRelative(fiveMinutesAgo, now)).toBe('5 分前');
  });
});

describe('message ids', () => {
  const sources = import.meta.glob<string>(['/src/**/*.ts', '/src/**/*.svelte', '!/src/lib/bindings.ts', '!/src/tests/**', '!/src/**/*.test.ts'], {
    query: '?raw',
    import: 'default',
    eager: true,
  });
  /** `t(` or `inEnglish(` not in another name, and its first argument. */
  const CALL = /(?<![\w.$])(?:t|inEnglish)\(\s*([^,)]*)/g;
  /** The window's own sources, without the module that defines `t`. */
  const app = Object.entries(sources).filter(([path]) => !path.startsWith('/src/lib/i18n/'));

  /** The first arguments of every `t(…)` and `inEnglish(…)` call. */
  const calls = app.flatMap(([path, text]) => [...text.matchAll(CALL)].map((m) => ({ path, arg: m[1].trim() })));
  const asked = new Set(calls.map((c) => c.arg.slice(1, -1)));

  /** Ids of `ftl`'s messages and of their attributes (`id.attr`). */
  function idsOf(ftl: string): string[] {
    return new FluentResource(ftl).body.flatMap((m) => [
      ...(m.value !== null ? [m.id] : []),
      ...Object.keys(m.attributes).map((a) => `${m.id}.${a}`),
    ]);
  }
  const ui = idsOf(source('en', 'ui'));
  const core = idsOf(source('en', 'core'));

  it('finds the calls', () => {
    expect(app.map(([path]) => path)).toContain('/src/lib/views/Support.svelte');
    expect(asked).toContain('support-title');
    expect(asked).toContain('activate-key-label.placeholder');
    expect(ui.length).toBeGreaterThan(100);
  });

  it('asks for every message by a literal id, so this test sees them all', () => {
    expect(calls.filter((c) => !/^(['"])[\w.-]+\1$/.test(c.arg))).toEqual([]);
  });

  it('asks only for messages ui.ftl or core.ftl has', () => {
    const known = new Set([...ui, ...core]);
    expect([...asked].filter((id) => !known.has(id))).toEqual([]);
  });

  it('uses every message of ui.ftl', () => {
    expect(ui.filter((id) => !asked.has(id))).toEqual([]);
  });

  it('keeps ui.ftl’s ids apart from core.ftl’s', () => {
    expect(ui.filter((id) => core.includes(id))).toEqual([]);
  });
});
