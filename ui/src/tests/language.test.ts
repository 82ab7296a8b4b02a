// Another language: the picker switches the window's words at once and has
// what came from Keyslot read again; and then no view says a word of English.
// Japanese's tag stands for a pseudo language here: ui.ftl and core.ftl in
// English with every word replaced by a marker. Dates, times and lists come
// from `Intl` in Japanese, and every piece of data the tests feed is marked
// «…», so a Latin letter left on the screen outside «…» was written into the
// code instead of asked for with t().

import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import App from '../App.svelte';
import ErrorView from '../lib/components/ErrorView.svelte';
import About from '../lib/views/About.svelte';
import Devices from '../lib/views/Devices.svelte';
import FreeSlot from '../lib/views/FreeSlot.svelte';
import Support from '../lib/views/Support.svelte';
import type { ErrorReport, Lang, LanguageView } from '../lib/api';
import { callsOf, clearMocks, fail, mockCommands, OPEN_PATH, type Handler } from '../lib/api/mock';
import { applyLanguage } from '../lib/i18n';
import { app, resetApp, start } from '../lib/state/app.svelte';
import {
  aboutView,
  busyCode,
  capabilities,
  device,
  devicesView,
  diagnostics,
  freed,
  lease,
  license,
  nextStep,
  noDeviceList,
  notActivated,
  offlineLicense,
  outcome,
  report,
  seatsCode,
} from './fixtures';

/** The pseudo language's tag, and its marker for each word. */
const PSEUDO = 'ja';
const MARK = '⟦⟧';

vi.mock('../lib/i18n/bundles', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/i18n/bundles')>();
  const pseudo = real.makeBundle('en', (text) => text.replace(/\p{L}+/gu, '⟦⟧'));
  return { ...real, bundleFor: (lang: string) => (lang === 'ja' ? pseudo : real.bundleFor(lang)) };
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
function languages(current: Lang, available = AVAILABLE): Record<string, Handler> {
  return {
    language: () => ({ current, available }),
    set_language: (args) => ({ current: args.lang, available }),
  };
}

describe('The language picker', () => {
  it('lists the languages by their own names, switches the words at once and reads the license again', async () => {
    const calls = mockCommands({ ...languages('en'), license_status: () => license() });
    render(App);
    const picker = (await screen.findByTestId('language-picker')) as HTMLSelectElement;
    expect(picker.tagName).toBe('SELECT');
    expect(picker.getAttribute('aria-label')).toBe('Language');
    // The others' names come once the window has painted.
    await waitFor(() => expect([...picker.options].map((o) => o.textContent)).toEqual(['English', 'Deutsch', '日本語']));
    await screen.findByTestId('license-state');
    expect(picker.value).toBe('en');
    expect(screen.getByTestId('nav-support').textContent?.trim()).toBe('Support');
    expect(callsOf(calls, 'license_status')).toHaveLength(1);

    await fireEvent.change(picker, { target: { value: PSEUDO } });
    await waitFor(() => expect(callsOf(calls, 'license_status')).toHaveLength(2));
    expect(callsOf(calls, 'set_language').map((c) => c.args)).toEqual([{ lang: PSEUDO }]);
    expect(screen.getByTestId('nav-support').textContent?.trim()).toBe(MARK);
    expect(screen.getByTestId('license-state').textContent?.trim()).toBe(MARK);
    expect(document.documentElement.lang).toBe(PSEUDO);
    expect(picker.value).toBe(PSEUDO);
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
    const picker = (await screen.findByTestId('language-picker')) as HTMLSelectElement;
    await waitFor(() => expect(picker.options).toHaveLength(3));
    await fireEvent.change(picker, { target: { value: PSEUDO } });
    await waitFor(() => expect(callsOf(calls, 'list_devices')).toHaveLength(2));
    expect((await screen.findByTestId('refresh-devices')).textContent?.trim()).toBe(MARK);
  });

  it('speaks the language Keyslot speaks from the start', async () => {
    mockCommands({ ...languages(PSEUDO), license_status: () => license() });
    render(App);
    await waitFor(() => expect(document.documentElement.lang).toBe(PSEUDO));
    expect(((await screen.findByTestId('language-picker')) as HTMLSelectElement).value).toBe(PSEUDO);
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
    await waitFor(() => expect(picker.options).toHaveLength(3));
    await fireEvent.change(picker, { target: { value: 'de' } });
    expect((await screen.findByTestId('error-title')).textContent).toBe('The settings could not be saved');
    expect(picker.value).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(screen.getByTestId('nav-support').textContent?.trim()).toBe('Support');
  });
});

/** Fields Keyslot's views read rather than show: left as they are. */
const MACHINE_READ = new Set(['id', 'current', 'kind', 'action', 'retry', 'state', 'stage', 'source']);
/** A timestamp (`2026-12-04T10:00:00Z`): no word, read by the views and shown as is only for support staff. */
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/**
 * `value` with each string it holds marked as data, «…»: all but the fields
 * the views read (an action, a state) and timestamps.
 */
function data<T>(value: T, key = ''): T {
  if (typeof value === 'string') return (MACHINE_READ.has(key) || TIMESTAMP.test(value) ? value : `«${value}»`) as T;
  if (Array.isArray(value)) return value.map((item) => data(item, key)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, data(v, k)])) as T;
  }
  return value;
}

/** The command line's name: no word, the same in every language. */
const COMMAND = 'keyslot';

/**
 * Every text node, aria-label, title, placeholder and alt on the screen that
 * has a Latin letter outside the data («…»), but for a timestamp or the
 * command's name: English written into a view.
 */
function englishOnScreen(): string[] {
  const texts: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node.textContent ?? '');
  for (const element of document.body.querySelectorAll('*')) {
    for (const name of ['aria-label', 'title', 'placeholder', 'alt']) texts.push(element.getAttribute(name) ?? '');
  }
  return texts
    .map((text) => text.trim())
    .filter((text) => text !== COMMAND && !TIMESTAMP.test(text) && /\p{Script=Latin}/u.test(text.replace(/«[^»]*»/g, '')));
}

/** Keyslot speaking the pseudo language, the languages' names as data. */
const speaking = () => languages(PSEUDO, data(AVAILABLE));

/** A catalog report, all of whose words come from Keyslot. */
const rustReport = (overrides: Partial<ErrorReport> = {}) =>
  data(report({ details: [{ field: 'key', message: 'is too short' }], ...overrides }));

const laptop = data(device({ id: 'act_old' }));
const me = data(device({ id: 'act_me', this_device: true }));

describe('In another language, no view says a word of English', () => {
  it('License, in its grace period and offline, with the clock off, and its confirmation', async () => {
    const grace = data(
      offlineLicense(
        {
          stage: 'grace',
          expires_at: new Date(Date.now() - 86_400_000).toISOString(),
          grace_ends_at: new Date(Date.now() + 86_400_000).toISOString(),
        },
        { clock_offset_secs: -180, expires_at: '2099-03-12T00:00:00Z', this_device: me, capabilities: noDeviceList({ free_seat_elsewhere: null }) },
      ),
    );
    mockCommands({ ...speaking(), license_status: () => grace, server_capabilities: () => grace.capabilities });
    render(App);
    await screen.findByTestId('grace-banner');
    await waitFor(() => expect(document.documentElement.lang).toBe(PSEUDO));
    expect(screen.getByTestId('offline-line')).toBeTruthy();
    expect(screen.getByTestId('clock-note')).toBeTruthy();
    expect(englishOnScreen()).toEqual([]);

    await fireEvent.click(screen.getByTestId('forget-button'));
    expect(screen.getByTestId('confirm-dialog')).toBeTruthy();
    expect(englishOnScreen()).toEqual([]);
  });

  it('License, offline with its lease valid, and the confirmation naming where to free the seat', async () => {
    const valid = data(offlineLicense({ expires_at: new Date(Date.now() + 86_400_000).toISOString() }, { capabilities: noDeviceList() }));
    mockCommands({ ...speaking(), license_status: () => valid, server_capabilities: () => valid.capabilities });
    render(App);
    await screen.findByTestId('free-elsewhere');
    await waitFor(() => expect(document.documentElement.lang).toBe(PSEUDO));
    expect(screen.getByTestId('offline-line').textContent).toContain(MARK);
    await fireEvent.click(screen.getByTestId('forget-button'));
    expect(screen.getByTestId('confirm-dialog')).toBeTruthy();
    expect(englishOnScreen()).toEqual([]);
  });

  it('the start-up error, with its details and a wait before “Try again”', async () => {
    mockCommands({
      ...speaking(),
      license_status: () => fail(rustReport({ action: 'retry', retry_after_secs: 30, clock_offset_secs: 420 })),
      demo_keys: () => [],
      copy_text: () => false,
    });
    render(App);
    await screen.findByTestId('go-activate');
    await waitFor(() => expect(document.documentElement.lang).toBe(PSEUDO));
    await fireEvent.click(screen.getByTestId('copy-details'));
    await waitFor(() => expect(within(screen.getByTestId('support-details')).getByRole('status').textContent).not.toBe(''));
    expect(englishOnScreen()).toEqual([]);
  });

  it('Activate, with demo keys, a key that is too short and a device to free elsewhere', async () => {
    mockCommands({
      ...speaking(),
      license_status: () => fail(data(notActivated())),
      demo_keys: () => data([{ key: 'DEMO-FREE-0001', label: '3 seats, 1 free' }]),
      server_capabilities: () => noDeviceList({ free_seat_elsewhere: null }),
      activate: () => fail(rustReport({ action: 'free_slot' })),
    });
    render(App);
    const input = await screen.findByTestId('key-input');
    await waitFor(() => expect(document.documentElement.lang).toBe(PSEUDO));
    await fireEvent.input(input, { target: { value: 'abcdef' } });
    await fireEvent.click(screen.getByTestId('activate-button'));
    await fireEvent.click(await screen.findByTestId('error-action'));
    await screen.findByTestId('free-elsewhere');
    await fireEvent.input(input, { target: { value: 'ab' } });
    expect(englishOnScreen()).toEqual([]);
  });

  it('Activate without internet: the request code, a license file refused, the file dialog', async () => {
    const code = 'KSR1.AAAABBBB';
    mockCommands({
      ...speaking(),
      license_status: () => fail(data(notActivated())),
      demo_keys: () => [],
      server_capabilities: () => data(capabilities()),
      offline_request: () =>
        data({
          kind: 'activate',
          code,
          page: 'http://127.0.0.1:7000/offline',
          page_url: `http://127.0.0.1:7000/offline#${code}`,
          qr_svg: '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200"><rect width="200" height="200" fill="#fff"/></svg>',
          answered_until: '2026-12-11T10:00:00Z',
        }),
      copy_text: () => false,
      import_lease: () => fail(rustReport({ action: 'retry' })),
    });
    render(App);
    const input = await screen.findByTestId('key-input');
    await waitFor(() => expect(document.documentElement.lang).toBe(PSEUDO));
    await fireEvent.click(screen.getByTestId('offline-open'));
    await screen.findByTestId('offline-needs-key');
    expect(englishOnScreen()).toEqual([]);
    await fireEvent.input(input, { target: { value: 'KEY-OFFLINE-1' } });
    await fireEvent.click(screen.getByTestId('offline-open'));
    await fireEvent.click(await screen.findByTestId('copy-code'));
    await fireEvent.input(screen.getByTestId('lease-input'), { target: { value: '«not a license»' } });
    await fireEvent.click(screen.getByTestId('import-lease'));
    await screen.findByTestId('error-title');
    expect(englishOnScreen()).toEqual([]);
  });

  it('License activated offline, renewing without internet', async () => {
    const imported = data(license({ activated_offline: true, lease: lease(), this_device: me }));
    mockCommands({
      ...speaking(),
      license_status: () => imported,
      server_capabilities: () => imported.capabilities,
      renewal_request: () => fail(rustReport({ action: 'retry' })),
    });
    render(App);
    await screen.findByTestId('activated-offline');
    await waitFor(() => expect(document.documentElement.lang).toBe(PSEUDO));
    await fireEvent.click(screen.getByTestId('renew-offline'));
    await screen.findByTestId('error-title');
    expect(englishOnScreen()).toEqual([]);
  });

  it('freeing a slot, with a device’s confirmation open', async () => {
    applyLanguage(PSEUDO);
    mockCommands({ list_devices_for: () => data(devicesView([laptop, me])) });
    render(FreeSlot, { key: 'KEY-1234', onerror: () => {}, oncancel: () => {} });
    const rows = await screen.findAllByTestId('device-row');
    await fireEvent.click(within(rows[0]).getByTestId('free-button'));
    expect(screen.getByTestId('confirm-dialog')).toBeTruthy();
    expect(englishOnScreen()).toEqual([]);
  });

  it('Devices, after freeing one', async () => {
    applyLanguage(PSEUDO);
    mockCommands({ list_devices: () => data(devicesView([laptop, me])), free_device: () => data(freed(laptop, 1)) });
    render(Devices);
    const rows = await screen.findAllByTestId('device-row');
    await fireEvent.click(within(rows[0]).getByTestId('free-button'));
    await fireEvent.click(screen.getByTestId('confirm-button'));
    await waitFor(() => expect(screen.getByTestId('free-status').textContent).not.toBe(''));
    expect(englishOnScreen()).toEqual([]);
  });

  it('Support, with every check, request and lease row, an instruction and the report to copy by hand', async () => {
    mockCommands({
      license_status: () => data(offlineLicense({ stage: 'grace' })),
      demo_keys: () => [],
      server_capabilities: () => data(capabilities()),
      diagnose: () =>
        data(
          diagnostics({
            server_reachable: false,
            server_problem: report(),
            signing_keys: { source: 'fetched' },
            keychain: { ok: false, problem: report() },
            license: { state: 'SUSPENDED', max_activations: 1, used_activations: 1, expires_at: '2099-03-12T00:00:00Z' },
            recent: [
              outcome({ probe: true, request_id: null }),
              outcome({ attempt: 2, http_status: 409, code: seatsCode() }),
              outcome({ http_status: null, code: busyCode() }),
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
            next_step: nextStep({ action: 'sync_clock' }),
          }),
        ),
      support_report: () => data('Keyslot support report'),
      copy_text: () => false,
    });
    await start();
    applyLanguage(PSEUDO);
    app.lastError = rustReport();
    render(Support);
    await fireEvent.click(await screen.findByTestId('next-step-action'));
    await screen.findByTestId('next-step-instruction');
    await fireEvent.click(screen.getByTestId('copy-report'));
    await screen.findByTestId('copy-manual');
    expect(screen.getByTestId('lease')).toBeTruthy();
    expect(englishOnScreen()).toEqual([]);
  });

  it('Support, when no problem was found and the license never expires', async () => {
    applyLanguage(PSEUDO);
    mockCommands({ diagnose: () => data(diagnostics({ next_step: null, recent: [outcome()], signing_keys: { source: 'pinned', count: 2 } })) });
    render(Support);
    await screen.findByTestId('next-step-none');
    expect(englishOnScreen()).toEqual([]);
  });

  it('About, when copying and opening the log folder fail', async () => {
    applyLanguage(PSEUDO);
    mockCommands({ about: () => data(aboutView({ provider: null })), copy_text: () => false, [OPEN_PATH]: () => Promise.reject('no') });
    render(About);
    await fireEvent.click(await screen.findByTestId('about-log-dir-copy'));
    await fireEvent.click(screen.getByTestId('open-log-folder'));
    await screen.findByTestId('open-log-folder-failed');
    await waitFor(() => expect(screen.getByTestId('about-log-dir-copied').textContent).not.toBe(''));
    expect(englishOnScreen()).toEqual([]);
  });

  it('an error whose action Keyslot can’t do itself, explained', async () => {
    applyLanguage(PSEUDO);
    render(ErrorView, { report: rustReport({ action: 'renew' }) });
    await fireEvent.click(screen.getByTestId('error-action'));
    await screen.findByTestId('error-instruction');
    expect(englishOnScreen()).toEqual([]);
  });

  it('finds English written into a view, in its text or its attributes, but not in data', async () => {
    applyLanguage(PSEUDO);
    render(ErrorView, { report: rustReport() });
    expect(englishOnScreen()).toEqual([]);
    const written = Object.assign(document.createElement('p'), { textContent: 'Results of the last run' });
    const labelled = document.createElement('button');
    labelled.setAttribute('aria-label', `${MARK} ${data('a name')} list`);
    document.body.append(written, labelled);
    expect(englishOnScreen()).toEqual(['Results of the last run', `${MARK} «a name» list`]);
  });
});
