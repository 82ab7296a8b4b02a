// Activation without internet: Activate's "This computer has no internet"
// makes a request code for the key typed and shows it (QR, the page, the
// code to copy, until when it is answered); the license file comes back
// pasted or chosen in the system's dialog; a bad one is refused inline and
// changes nothing. License says "Activated offline" and offers "Renew
// offline" where it helps.

import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import Activate from '../lib/views/Activate.svelte';
import License from '../lib/views/License.svelte';
import type { LicenseView, OfflineRequestView } from '../lib/api';
import { callsOf, clearMocks, deferred, fail, mockCommands, type Handler } from '../lib/api/mock';
import { app, loadCapabilities, resetApp, start } from '../lib/state/app.svelte';
import { capabilities, lease, license, noDeviceList, offlineLicense, report } from './fixtures';

afterEach(() => {
  clearMocks();
  resetApp();
});

const KEY = 'KS-OFFLINE-0001';
const PAGE = 'http://127.0.0.1:7000/offline';

function request(overrides: Partial<OfflineRequestView> = {}): OfflineRequestView {
  const code = 'KSR1.AAAABBBBCCCC';
  return {
    kind: 'activate',
    code,
    page: PAGE,
    page_url: `${PAGE}#${code}`,
    qr_svg: '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200"><rect width="200" height="200" fill="#fff"/></svg>',
    answered_until: '2026-12-11T10:00:00Z',
    ...overrides,
  };
}

const importedOffline = (): LicenseView => license({ activated_offline: true, lease: lease() });

const malformed = () =>
  report({
    kind: 'invalid_request',
    code: 'lease_file_malformed',
    title: "That isn't a license file",
    message: "The text or file you gave isn't a whole license from the offline page. Nothing was changed.",
    steps: ['Copy all of the license text from the offline page.'],
    action: 'retry',
    http_status: null,
    request_id: null,
  });

async function typeKey(value: string) {
  await fireEvent.input(screen.getByTestId('key-input'), { target: { value } });
}

/** Activate with `handlers`, the key typed and the panel opened. */
async function openPanel(handlers: Record<string, Handler>) {
  const calls = mockCommands({ demo_keys: () => [], ...handlers });
  render(Activate);
  await typeKey(KEY);
  await fireEvent.click(screen.getByTestId('offline-open'));
  const panel = await screen.findByTestId('offline-panel');
  return { calls, panel };
}

describe('This computer has no internet', () => {
  it('makes a request code for the key typed and shows it with the QR code, the page and the steps', async () => {
    const { calls, panel } = await openPanel({ offline_request: () => request() });
    expect(document.activeElement?.tagName).toBe('H2');
    expect(panel.getAttribute('aria-labelledby')).toBe(document.activeElement?.id);
    const qr = await within(panel).findByRole('img');
    expect(qr.getAttribute('aria-label')).toMatch(/QR code/);
    expect(qr.querySelector('svg')).toBeTruthy();
    expect(callsOf(calls, 'offline_request').map((c) => c.args)).toEqual([{ key: KEY }]);
    expect(within(panel).getByTestId('offline-page').textContent).toBe(PAGE);
    expect(within(panel).getAllByRole('listitem')).toHaveLength(3);
    const code = within(panel).getByLabelText('Request code') as HTMLTextAreaElement;
    expect(code.value).toBe('KSR1.AAAABBBBCCCC');
    expect(code.readOnly).toBe(true);
    expect(panel.textContent).toMatch(/accepts this code until/);
    expect(within(panel).getByRole('heading', { level: 3 }).textContent).toBe('Import license');
  });

  it('asks for the key first, and makes no code without one', async () => {
    const calls = mockCommands({ demo_keys: () => [] });
    render(Activate);
    await fireEvent.click(screen.getByTestId('offline-open'));
    expect(screen.getByTestId('offline-needs-key').textContent).toMatch(/Enter your license key first/);
    expect(document.activeElement).toBe(screen.getByTestId('key-input'));
    expect(screen.queryByTestId('offline-panel')).toBeNull();
    expect(callsOf(calls, 'offline_request')).toHaveLength(0);
    await typeKey(KEY);
    expect(screen.queryByTestId('offline-needs-key')).toBeNull();
  });

  it('is offered only where the server has an offline page', async () => {
    mockCommands({ demo_keys: () => [], server_capabilities: () => noDeviceList({ offline: false }) });
    await loadCapabilities();
    render(Activate);
    expect(screen.queryByTestId('offline-open')).toBeNull();
  });

  it('copies the code', async () => {
    const { calls, panel } = await openPanel({ offline_request: () => request(), copy_text: () => true });
    await fireEvent.click(await within(panel).findByTestId('copy-code'));
    await waitFor(() => expect(within(panel).getByRole('status').textContent).toBe('Copied'));
    expect(callsOf(calls, 'copy_text').map((c) => c.args.text)).toEqual(['KSR1.AAAABBBBCCCC']);
  });

  it('saves the code to a file named in the system’s dialog (titled in the window’s words); cancelling says nothing', async () => {
    let saved = false;
    const { calls, panel } = await openPanel({ offline_request: () => request(), save_request_code: () => saved });
    await fireEvent.click(await within(panel).findByTestId('save-code'));
    await waitFor(() => expect(callsOf(calls, 'save_request_code')).toHaveLength(1));
    expect(within(panel).getByRole('status').textContent).toBe('');
    saved = true;
    await fireEvent.click(within(panel).getByTestId('save-code'));
    await waitFor(() => expect(within(panel).getByRole('status').textContent).toBe('Saved.'));
    expect(callsOf(calls, 'save_request_code').map((c) => c.args)).toEqual([
      { code: 'KSR1.AAAABBBBCCCC', title: 'Save the request code' },
      { code: 'KSR1.AAAABBBBCCCC', title: 'Save the request code' },
    ]);
  });

  it('shows why a code could not be made, and makes it again on “Try again”', async () => {
    let n = 0;
    const { calls, panel } = await openPanel({
      offline_request: () => (n++ === 0 ? fail(report({ title: 'Keychain locked', action: 'retry' })) : request()),
    });
    expect((await within(panel).findByTestId('error-title')).textContent).toBe('Keychain locked');
    await fireEvent.click(within(panel).getByTestId('error-action'));
    await within(panel).findByTestId('offline-code');
    expect(callsOf(calls, 'offline_request')).toHaveLength(2);
  });

  it('refuses a bad paste inline, keeping the text and changing nothing; a good one shows the license', async () => {
    let n = 0;
    const { calls, panel } = await openPanel({
      offline_request: () => request(),
      import_lease: () => (n++ === 0 ? fail(malformed()) : importedOffline()),
    });
    const input = (await within(panel).findByTestId('lease-input')) as HTMLTextAreaElement;
    await fireEvent.input(input, { target: { value: 'hello' } });
    await fireEvent.click(within(panel).getByTestId('import-lease'));
    expect((await within(panel).findByTestId('error-title')).textContent).toBe("That isn't a license file");
    expect(input.value).toBe('hello');
    expect(app.screen).not.toBe('license');
    expect(app.license).toBeNull();

    await fireEvent.click(within(panel).getByTestId('error-action'));
    expect(document.activeElement).toBe(input);
    await fireEvent.input(input, { target: { value: 'eyJhbGciOiJFZERTQSJ9.e30.c2ln' } });
    await fireEvent.click(within(panel).getByTestId('import-lease'));
    await waitFor(() => expect(app.screen).toBe('license'));
    expect(app.license?.activated_offline).toBe(true);
    expect(callsOf(calls, 'import_lease').map((c) => c.args.text)).toEqual(['hello', 'eyJhbGciOiJFZERTQSJ9.e30.c2ln']);
  });

  it('does not import an empty paste', async () => {
    const { calls, panel } = await openPanel({ offline_request: () => request() });
    await fireEvent.click(await within(panel).findByTestId('import-lease'));
    expect(document.activeElement).toBe(within(panel).getByTestId('lease-input'));
    expect(callsOf(calls, 'import_lease')).toHaveLength(0);
  });

  it('imports a file chosen in the system’s dialog (titled in the window’s words); cancelling changes nothing', async () => {
    const chosen = deferred<LicenseView | null>();
    let n = 0;
    const { calls, panel } = await openPanel({
      offline_request: () => request(),
      import_lease_file: () => (n++ === 0 ? null : chosen.promise),
    });
    await fireEvent.click(await within(panel).findByTestId('import-lease-file'));
    await waitFor(() => expect(callsOf(calls, 'import_lease_file')).toHaveLength(1));
    expect(callsOf(calls, 'import_lease_file')[0].args).toEqual({ title: 'Choose the license file' });
    await waitFor(() => expect((within(panel).getByTestId('import-lease-file') as HTMLButtonElement).disabled).toBe(false));
    expect(app.license).toBeNull();

    await fireEvent.click(within(panel).getByTestId('import-lease-file'));
    await waitFor(() => expect(within(panel).getByTestId('import-lease-file').getAttribute('aria-busy')).toBe('true'));
    expect((within(panel).getByTestId('import-lease') as HTMLButtonElement).disabled).toBe(true);
    chosen.resolve(importedOffline());
    await waitFor(() => expect(app.screen).toBe('license'));
  });

  it('closes, giving the focus back to its link', async () => {
    const { panel } = await openPanel({ offline_request: () => request() });
    await fireEvent.click(within(panel).getByTestId('offline-close'));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('offline-open')));
    expect(screen.queryByTestId('offline-panel')).toBeNull();
  });

  it('closes when the key changes: its code was made for the key as it was', async () => {
    await openPanel({ offline_request: () => request() });
    await typeKey(`${KEY}2`);
    expect(screen.queryByTestId('offline-panel')).toBeNull();
  });
});

describe('License, activated offline', () => {
  /** License showing `first`. */
  async function showing(first: LicenseView, handlers: Record<string, Handler> = {}) {
    const calls = mockCommands({
      license_status: () => first,
      demo_keys: () => [],
      server_capabilities: () => first.capabilities,
      ...handlers,
    });
    await start();
    render(License);
    return calls;
  }

  it('says so, and renews offline with a renewal code and the license file it brings back', async () => {
    const renewed = license({ activated_offline: true, lease: lease({ renew_after: '2099-01-01T00:00:00Z' }) });
    const calls = await showing(importedOffline(), {
      renewal_request: () => request({ kind: 'renew' }),
      import_lease: () => renewed,
    });
    expect(screen.getByTestId('activated-offline').textContent).toMatch(/Activated offline/);
    await fireEvent.click(screen.getByTestId('renew-offline'));
    const panel = await screen.findByTestId('offline-panel');
    expect(panel.dataset.kind).toBe('renew');
    expect(within(panel).getByRole('heading', { level: 2 }).textContent?.trim()).toBe('Renew without internet');
    await within(panel).findByTestId('offline-code');
    expect(callsOf(calls, 'renewal_request')).toHaveLength(1);
    expect(callsOf(calls, 'offline_request')).toHaveLength(0);

    await fireEvent.input(within(panel).getByTestId('lease-input'), { target: { value: 'eyJ.e30.c2ln' } });
    await fireEvent.click(within(panel).getByTestId('import-lease'));
    await waitFor(() => expect(screen.queryByTestId('offline-panel')).toBeNull());
    expect(app.license).toEqual(renewed);
  });

  it('offers “Renew offline” to a lease due for renewal while the server can’t be reached, and not otherwise', async () => {
    const due = offlineLicense({ renew_after: new Date(Date.now() - 3600_000).toISOString() });
    await showing(due);
    expect(screen.getByTestId('renew-offline')).toBeTruthy();
    expect(screen.queryByTestId('activated-offline')).toBeNull();
  });

  it('keeps it away from an online license, one not yet due, and a server without an offline page', async () => {
    const cases = [
      license({ lease: lease({ renew_after: new Date(Date.now() - 3600_000).toISOString() }) }),
      offlineLicense({ renew_after: new Date(Date.now() + 86_400_000).toISOString() }),
      license({ activated_offline: true, capabilities: capabilities({ offline: false }) }),
    ];
    for (const shown of cases) {
      await showing(shown);
      expect(screen.queryByTestId('renew-offline')).toBeNull();
      cleanup();
      clearMocks();
      resetApp();
    }
  });
});
