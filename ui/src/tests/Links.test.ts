// `keyslot://activate` links, as the app hands them to the window on the
// `watch_links` channel: Activate shows (even over a license) with the key
// filled in and focus on Activate, and nothing is activated until pressed;
// a link without a usable key shows the catalog's hint under the field.

import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import App from '../App.svelte';
import type { OpenedLink } from '../lib/api';
import { callsOf, clearMocks, fail, mockCommands, sendOn, type IpcCall } from '../lib/api/mock';
import { app, boot, resetApp } from '../lib/state/app.svelte';
import { license, notActivated, report } from './fixtures';

afterEach(() => {
  clearMocks();
  resetApp();
});

const KEY = 'KS-LINK1-AAAAA-BBBBB-WXYZ';

/** The catalog's `invalid_key_format` report, as the app sends it with a link. */
const hint = () =>
  report({
    kind: 'invalid_key',
    code: 'invalid_key_format',
    title: "That doesn't look like a license key",
    message: 'The key has characters or a length no license key has.',
    request_id: null,
    http_status: null,
  });

/** The app started (with a license, unless `activated` is false) and watching links. */
async function started(activated = true): Promise<IpcCall[]> {
  const calls = mockCommands({
    license_status: () => (activated ? license() : fail(notActivated())),
    demo_keys: () => [],
    server_capabilities: () => fail(report()),
    watch_links: () => null,
    activate: () => license(),
  });
  render(App);
  await boot();
  await screen.findByTestId(activated ? 'license-state' : 'key-input');
  return calls;
}

function open(calls: IpcCall[], link: OpenedLink): void {
  sendOn(calls, 'watch_links', 'onLink', link);
}

const keyInput = () => screen.getByTestId('key-input') as HTMLInputElement;
const activateButton = () => screen.getByTestId('activate-button') as HTMLButtonElement;

describe('Links', () => {
  it('are watched once the start-up check is done, so its screen does not cover a launch link', async () => {
    const calls = await started();
    expect(calls.map((c) => c.cmd).indexOf('watch_links')).toBeGreaterThan(calls.map((c) => c.cmd).indexOf('license_status'));
    expect(callsOf(calls, 'watch_links')).toHaveLength(1);
  });

  it('open Activate over a license with the key filled in and focus on Activate; nothing is activated until pressed', async () => {
    const calls = await started();
    open(calls, { key: KEY, hint: null });
    await waitFor(() => expect(document.activeElement).toBe(activateButton()));
    expect(app.screen).toBe('activate');
    expect(keyInput().value).toBe(KEY);
    expect(activateButton().disabled).toBe(false);
    expect(screen.queryByTestId('link-hint')).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(callsOf(calls, 'activate')).toHaveLength(0);

    await fireEvent.click(activateButton());
    await waitFor(() => expect(app.screen).toBe('license'));
    expect(callsOf(calls, 'activate').map((c) => c.args.key)).toEqual([KEY]);
  });

  it('fill in the key on Activate already showing', async () => {
    const calls = await started(false);
    await fireEvent.input(keyInput(), { target: { value: 'typed-before' } });
    open(calls, { key: KEY, hint: null });
    await waitFor(() => expect(keyInput().value).toBe(KEY));
    await waitFor(() => expect(document.activeElement).toBe(activateButton()));
    expect(callsOf(calls, 'activate')).toHaveLength(0);
  });

  it('without a usable key, empty the field and show the catalog hint under it, with focus on the field', async () => {
    const calls = await started(false);
    await fireEvent.input(keyInput(), { target: { value: 'typed-before' } });
    open(calls, { key: null, hint: hint() });
    await waitFor(() => expect(screen.getByTestId('link-hint')).toBeTruthy());
    expect(keyInput().value).toBe('');
    expect(screen.getByTestId('link-hint-title').textContent).toBe("That doesn't look like a license key");
    expect(screen.getByTestId('link-hint-message').textContent).toBe('The key has characters or a length no license key has.');
    expect(keyInput().getAttribute('aria-describedby')).toContain('link-hint');
    await waitFor(() => expect(document.activeElement).toBe(keyInput()));
    // Inline, not a dialog or the error view.
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByTestId('error-title')).toBeNull();
    expect(app.screen).toBe('activate');

    // Typing a key puts the hint away.
    await fireEvent.input(keyInput(), { target: { value: KEY } });
    expect(screen.queryByTestId('link-hint')).toBeNull();
    expect(callsOf(calls, 'activate')).toHaveLength(0);
  });

  it('replace one another: the second link is what shows', async () => {
    const calls = await started();
    open(calls, { key: KEY, hint: null });
    open(calls, { key: 'KS-LINK2-CCCCC-DDDDD-QRST', hint: null });
    await waitFor(() => expect(keyInput().value).toBe('KS-LINK2-CCCCC-DDDDD-QRST'));

    open(calls, { key: null, hint: hint() });
    await waitFor(() => expect(keyInput().value).toBe(''));
    expect(screen.getByTestId('link-hint')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(keyInput()));

    open(calls, { key: KEY, hint: null });
    await waitFor(() => expect(keyInput().value).toBe(KEY));
    expect(screen.queryByTestId('link-hint')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(activateButton()));
    expect(callsOf(calls, 'activate')).toHaveLength(0);
  });
});
