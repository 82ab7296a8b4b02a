// Another language: the picker switches the window's words at once and has
// what came from Keyslot read again; and then no view says a word of English.
// German's tag stands for a pseudo language here: ui.ftl and core.ftl in
// English with every word replaced by a marker, so any English left on the
// screen was written into the code instead of asked for with t().

import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { FluentResource, type Message } from '@fluent/bundle';
import App from '../App.svelte';
import ErrorView from '../lib/components/ErrorView.svelte';
import About from '../lib/views/About.svelte';
import Devices from '../lib/views/Devices.svelte';
import FreeSlot from '../lib/views/FreeSlot.svelte';
import Support from '../lib/views/Support.svelte';
import type { Lang, LanguageView } from '../lib/api';
import { callsOf, clearMocks, fail, mockCommands, OPEN_PATH, type Handler } from '../lib/api/mock';
import { applyLanguage } from '../lib/i18n';
import { source } from '../lib/i18n/bundles';
import { app, resetApp, start } from '../lib/state/app.svelte';
import {
  aboutView,
  busyCode,
  capabilities,
  device,
  devicesView,
  diagnostics,
  freed,
  license,
  nextStep,
  noDeviceList,
  notActivated,
  offlineLicense,
  outcome,
  report,
  seatsCode,
} from './fixtures';

/** The pseudo language's marker for each word. */
const MARK = '⟦⟧';

vi.mock('../lib/i18n/bundles', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/i18n/bundles')>();
  const pseudo = real.makeBundle('en', (text) => text.replace(/\p{L}+/gu, '⟦⟧'));
  return { ...real, bundleFor: (lang: string) => (lang === 'de' ? pseudo : real.bundleFor(lang)) };
});

afterEach(() => {
  clearMocks();
  resetApp();
});

const AVAILABLE: LanguageView['available'] = [
  { id: 'en', name: 'English' },
  { id: 'de', name: 'Deutsch' },
  { id: 'ja', name: '日本語' },
];

/** `language` answering `current`, and `set_language` switching as the app does. */
function languages(current: Lang): Record<string, Handler> {
  return {
    language: () => ({ current, available: AVAILABLE }),
    set_language: (args) => ({ current: args.lang, available: AVAILABLE }),
  };
}

describe('The language picker', () => {
  it('lists the languages by their own names, switches the words at once and reads the license again', async () => {
    const calls = mockCommands({ ...languages('en'), license_status: () => license() });
    render(App);
    const picker = (await screen.findByTestId('language-picker')) as HTMLSelectElement;
    expect(picker.tagName).toBe('SELECT');
    expect(picker.getAttribute('aria-label')).toBe('Language');
    expect([...picker.options].map((o) => o.textContent)).toEqual(['English', 'Deutsch', '日本語']);
    await screen.findByTestId('license-state');
    expect(picker.value).toBe('en');
    expect(screen.getByTestId('nav-support').textContent?.trim()).toBe('Support');
    expect(callsOf(calls, 'license_status')).toHaveLength(1);

    await fireEvent.change(picker, { target: { value: 'de' } });
    await waitFor(() => expect(callsOf(calls, 'license_status')).toHaveLength(2));
    expect(callsOf(calls, 'set_language').map((c) => c.args)).toEqual([{ lang: 'de' }]);
    expect(screen.getByTestId('nav-support').textContent?.trim()).toBe(MARK);
    expect(screen.getByTestId('license-state').textContent?.trim()).toBe(MARK);
    expect(document.documentElement.lang).toBe('de');
    expect(picker.value).toBe('de');
  });

  it('has the open view read its data again', async () => {
    const calls = mockCommands({
      ...languages('en'),
      license_status: () => license(),
      list_devices: () => devicesView([device({ this_device: true })]),
    });
    render(App);
    await fireEvent.click(await screen.findByTestId('nav-devices'));
    await screen.findByTestId('device-row');
    expect(callsOf(calls, 'list_devices')).toHaveLength(1);
    await fireEvent.change(await screen.findByTestId('language-picker'), { target: { value: 'de' } });
    await waitFor(() => expect(callsOf(calls, 'list_devices')).toHaveLength(2));
    expect((await screen.findByTestId('refresh-devices')).textContent?.trim()).toBe(MARK);
  });

  it('speaks the language Keyslot speaks from the start', async () => {
    mockCommands({ ...languages('de'), license_status: () => license() });
    render(App);
    await waitFor(() => expect(document.documentElement.lang).toBe('de'));
    expect(((await screen.findByTestId('language-picker')) as HTMLSelectElement).value).toBe('de');
    expect((await screen.findByTestId('nav-about')).textContent?.trim()).toBe(MARK);
  });

  it('stays in the language spoken, and says why, when Keyslot can’t switch', async () => {
    mockCommands({
      ...languages('en'),
      set_language: () => fail(report({ title: 'The settings could not be saved', action: 'retry' })),
      license_status: () => license(),
    });
    render(App);
    const picker = (await screen.findByTestId('language-picker')) as HTMLSelectElement;
    await fireEvent.change(picker, { target: { value: 'ja' } });
    expect((await screen.findByTestId('error-title')).textContent).toBe('The settings could not be saved');
    expect(picker.value).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(screen.getByTestId('nav-support').textContent?.trim()).toBe('Support');
  });
});

/** A text from Keyslot (the catalog, a device's name): no English the window could have written. */
const FROM_RUST = '«…»';

type Pattern = NonNullable<Message['value']>;

/** Every run of text in ui.ftl's English of two words or more. */
function englishPhrases(): string[] {
  const texts: string[] = [];
  const walk = (pattern: Pattern) => {
    for (const element of typeof pattern === 'string' ? [pattern] : pattern) {
      if (typeof element === 'string') texts.push(element);
      else if (element.type === 'select') for (const variant of element.variants) walk(variant.value);
    }
  };
  for (const message of new FluentResource(source('en', 'ui')).body) {
    if (message.value !== null) walk(message.value);
    Object.values(message.attributes).forEach(walk);
  }
  const words = (text: string) => text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
  return [...new Set(texts.map((text) => text.trim()).filter((text) => words(text) >= 2))];
}

const ENGLISH = englishPhrases();

/** The English phrases of ui.ftl that a text node, an aria-label, a title or a placeholder holds. */
function englishOnScreen(): string[] {
  const texts: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node.textContent ?? '');
  for (const element of document.body.querySelectorAll('*')) {
    for (const name of ['aria-label', 'title', 'placeholder']) texts.push(element.getAttribute(name) ?? '');
  }
  const seen = texts.map((text) => text.replace(/\s+/g, ' '));
  return ENGLISH.filter((phrase) => seen.some((text) => text.includes(phrase)));
}

/** A catalog report, all of whose words come from Keyslot. */
const rustReport = (overrides: Parameters<typeof report>[0] = {}) =>
  report({ title: FROM_RUST, message: FROM_RUST, steps: [FROM_RUST], details: [{ field: 'key', message: FROM_RUST }], ...overrides });

const laptop = device({ id: 'act_old', name: FROM_RUST });
const me = device({ id: 'act_me', name: FROM_RUST, this_device: true });

describe('In another language, no view says a word of English', () => {
  it('has English phrases to look for', () => {
    expect(ENGLISH).toContain('Check now');
    expect(ENGLISH).toContain('Have a license key?');
    expect(ENGLISH.length).toBeGreaterThan(100);
  });

  it('License, in its grace period and offline, with the clock off, and its confirmation', async () => {
    const grace = offlineLicense(
      {
        stage: 'grace',
        expires_at: new Date(Date.now() - 86_400_000).toISOString(),
        grace_ends_at: new Date(Date.now() + 86_400_000).toISOString(),
      },
      { clock_offset_secs: -180, expires_at: '2099-03-12T00:00:00Z', this_device: me, capabilities: noDeviceList({ free_seat_elsewhere: null }) },
    );
    mockCommands({ ...languages('de'), license_status: () => grace, server_capabilities: () => grace.capabilities });
    render(App);
    await screen.findByTestId('grace-banner');
    await waitFor(() => expect(document.documentElement.lang).toBe('de'));
    expect(screen.getByTestId('offline-line')).toBeTruthy();
    expect(screen.getByTestId('clock-note')).toBeTruthy();
    expect(englishOnScreen()).toEqual([]);

    await fireEvent.click(screen.getByTestId('forget-button'));
    expect(screen.getByTestId('confirm-dialog')).toBeTruthy();
    expect(englishOnScreen()).toEqual([]);
  });

  it('the start-up error, with its details and a wait before “Try again”', async () => {
    mockCommands({
      ...languages('de'),
      license_status: () => fail(rustReport({ action: 'retry', retry_after_secs: 30, clock_offset_secs: 420 })),
      demo_keys: () => [],
      copy_text: () => false,
    });
    render(App);
    await screen.findByTestId('go-activate');
    await waitFor(() => expect(document.documentElement.lang).toBe('de'));
    await fireEvent.click(screen.getByTestId('copy-details'));
    await waitFor(() => expect(within(screen.getByTestId('support-details')).getByRole('status').textContent).not.toBe(''));
    expect(englishOnScreen()).toEqual([]);
  });

  it('Activate, with demo keys, a key that is too short and a device to free elsewhere', async () => {
    mockCommands({
      ...languages('de'),
      license_status: () => fail(notActivated()),
      demo_keys: () => [{ key: 'DEMO-FREE-0001', label: FROM_RUST }],
      server_capabilities: () => noDeviceList({ free_seat_elsewhere: null }),
      activate: () => fail(rustReport({ action: 'free_slot' })),
    });
    render(App);
    const input = await screen.findByTestId('key-input');
    await waitFor(() => expect(document.documentElement.lang).toBe('de'));
    await fireEvent.input(input, { target: { value: 'abcdef' } });
    await fireEvent.click(screen.getByTestId('activate-button'));
    await fireEvent.click(await screen.findByTestId('error-action'));
    await screen.findByTestId('free-elsewhere');
    await fireEvent.input(input, { target: { value: 'ab' } });
    expect(englishOnScreen()).toEqual([]);
  });

  it('freeing a slot, with a device’s confirmation open', async () => {
    applyLanguage('de');
    mockCommands({ list_devices_for: () => devicesView([laptop, me]) });
    render(FreeSlot, { key: 'KEY-1234', onerror: () => {}, oncancel: () => {} });
    const rows = await screen.findAllByTestId('device-row');
    await fireEvent.click(within(rows[0]).getByTestId('free-button'));
    expect(screen.getByTestId('confirm-dialog')).toBeTruthy();
    expect(englishOnScreen()).toEqual([]);
  });

  it('Devices, after freeing one', async () => {
    applyLanguage('de');
    mockCommands({ list_devices: () => devicesView([laptop, me]), free_device: () => freed(laptop, 1) });
    render(Devices);
    const rows = await screen.findAllByTestId('device-row');
    await fireEvent.click(within(rows[0]).getByTestId('free-button'));
    await fireEvent.click(screen.getByTestId('confirm-button'));
    await waitFor(() => expect(screen.getByTestId('free-status').textContent).not.toBe(''));
    expect(englishOnScreen()).toEqual([]);
  });

  it('Support, with every check, request and lease row, an instruction and the report to copy by hand', async () => {
    mockCommands({
      license_status: () => offlineLicense({ stage: 'grace' }),
      demo_keys: () => [],
      server_capabilities: () => capabilities(),
      diagnose: () =>
        diagnostics({
          server_reachable: false,
          server_problem: rustReport(),
          signing_keys: { source: 'fetched' },
          keychain: { ok: false, problem: rustReport() },
          license: { state: 'SUSPENDED', max_activations: 1, used_activations: 1, expires_at: '2099-03-12T00:00:00Z' },
          recent: [
            outcome({ probe: true, request_id: null }),
            outcome({ attempt: 2, http_status: 409, code: { ...seatsCode(), title: FROM_RUST } }),
            outcome({ http_status: null, code: { ...busyCode(), title: FROM_RUST } }),
            outcome({ http_status: null }),
          ],
          lease: {
            stage: 'grace',
            issued_at: null,
            renew_after: null,
            expires_at: null,
            grace_ends_at: null,
            key_id: null,
            trusted_time: null,
            wall_clock: '2026-12-12T10:00:00Z',
          },
          next_step: nextStep({ cause: FROM_RUST, evidence: FROM_RUST, steps: [FROM_RUST], action: 'sync_clock' }),
        }),
      support_report: () => 'REPORT',
      copy_text: () => false,
    });
    await start();
    applyLanguage('de');
    app.lastError = rustReport();
    render(Support);
    await fireEvent.click(await screen.findByTestId('next-step-action'));
    await screen.findByTestId('next-step-instruction');
    await fireEvent.click(screen.getByTestId('copy-report'));
    await screen.findByTestId('copy-manual');
    expect(screen.getByTestId('lease')).toBeTruthy();
    expect(englishOnScreen()).toEqual([]);
  });

  it('Support, when no problem was found', async () => {
    applyLanguage('de');
    mockCommands({ diagnose: () => diagnostics({ next_step: null, recent: [], signing_keys: { source: 'pinned', count: 2 } }) });
    render(Support);
    await screen.findByTestId('next-step-none');
    expect(englishOnScreen()).toEqual([]);
  });

  it('About, when copying and opening the log folder fail', async () => {
    applyLanguage('de');
    mockCommands({ about: () => aboutView({ provider: null }), copy_text: () => false, [OPEN_PATH]: () => Promise.reject('no') });
    render(About);
    await fireEvent.click(await screen.findByTestId('about-log-dir-copy'));
    await fireEvent.click(screen.getByTestId('open-log-folder'));
    await screen.findByTestId('open-log-folder-failed');
    await waitFor(() => expect(screen.getByTestId('about-log-dir-copied').textContent).not.toBe(''));
    expect(englishOnScreen()).toEqual([]);
  });

  it('an error whose action Keyslot can’t do itself, explained', async () => {
    applyLanguage('de');
    render(ErrorView, { report: rustReport({ action: 'renew' }) });
    await fireEvent.click(screen.getByTestId('error-action'));
    await screen.findByTestId('error-instruction');
    expect(englishOnScreen()).toEqual([]);
  });

  it('finds English written into a view', async () => {
    applyLanguage('de');
    render(ErrorView, { report: rustReport() });
    document.body.append(Object.assign(document.createElement('p'), { textContent: 'Keyslot says: Check now, please.' }));
    expect(englishOnScreen()).toEqual(['Check now']);
  });
});
