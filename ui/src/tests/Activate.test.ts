import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import Activate from '../lib/views/Activate.svelte';
import type { LicenseView } from '../lib/api';
import { callsOf, clearMocks, deferred, fail, mockCommands } from '../lib/api/mock';
import { app, resetApp } from '../lib/state/app.svelte';
import { license, report } from './fixtures';

afterEach(() => {
  clearMocks();
  resetApp();
});

function keyInput(): HTMLInputElement {
  return screen.getByTestId('key-input') as HTMLInputElement;
}

function activateButton(): HTMLButtonElement {
  return screen.getByTestId('activate-button') as HTMLButtonElement;
}

async function type(value: string) {
  await fireEvent.input(keyInput(), { target: { value } });
}

describe('Activate', () => {
  it('checks the key shape as the user types, calmly', async () => {
    mockCommands({ demo_keys: () => [] });
    render(Activate);
    const hint = screen.getByTestId('key-hint');

    expect(activateButton().disabled).toBe(true);
    expect(keyInput().getAttribute('aria-invalid')).toBeNull();
    expect(hint.textContent).toMatch(/Paste the license key/);

    await type('ab');
    expect(hint.textContent).toMatch(/shorter than a license key/);
    expect(keyInput().getAttribute('aria-invalid')).toBe('true');
    expect(activateButton().disabled).toBe(true);

    await type('ABCD EFGH');
    expect(hint.textContent).toMatch(/only letters, digits/);
    expect(activateButton().disabled).toBe(true);

    await type('ABC!');
    expect(hint.textContent).toMatch(/only letters, digits/);

    await type('A'.repeat(129));
    expect(hint.textContent).toMatch(/longer than a license key/);

    await type('A'.repeat(128));
    expect(keyInput().getAttribute('aria-invalid')).toBeNull();
    expect(activateButton().disabled).toBe(false);

    await type('  ok_1-  ');
    expect(keyInput().getAttribute('aria-invalid')).toBeNull();
    expect(activateButton().disabled).toBe(false);
  });

  it('sends the key as typed (the command trims it); Enter (form submit) activates and shows the license', async () => {
    const calls = mockCommands({ demo_keys: () => [], activate: () => license() });
    const { container } = render(Activate);
    await type('  GOOD-KEY-1234 ');
    await fireEvent.submit(container.querySelector('form')!);
    await waitFor(() => expect(app.screen).toBe('license'));
    expect(callsOf(calls, 'activate').map((c) => c.args.key)).toEqual(['  GOOD-KEY-1234 ']);
    expect(app.license).toEqual(license());
  });

  it('does not submit twice: two quick clicks make one call, with progress shown', async () => {
    const pending = deferred<LicenseView>();
    const calls = mockCommands({ demo_keys: () => [], activate: () => pending.promise });
    render(Activate);
    await type('GOOD-KEY-1234');
    const button = activateButton();
    // Two clicks in the same task, before the DOM could update.
    button.click();
    button.click();
    await fireEvent.click(button);
    await fireEvent.submit(button.closest('form')!);
    expect(callsOf(calls, 'activate')).toHaveLength(1);
    expect(button.disabled).toBe(true);
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect(button.textContent).toContain('Activating…');

    pending.resolve(license());
    await waitFor(() => expect(app.screen).toBe('license'));
    expect(callsOf(calls, 'activate')).toHaveLength(1);
  });

  it('does not call activate for a key of the wrong shape', async () => {
    const calls = mockCommands({ demo_keys: () => [], activate: () => license() });
    const { container } = render(Activate);
    await type('a b');
    await fireEvent.submit(container.querySelector('form')!);
    expect(callsOf(calls, 'activate')).toHaveLength(0);
  });

  it('offers demo keys in demo mode; choosing one fills the field', async () => {
    const keys = [
      { key: 'DEMO-FREE-0001', label: 'Free seat available' },
      { key: 'DEMO-FULL-0002', label: 'All seats taken' },
    ];
    const calls = mockCommands({ demo_keys: () => keys });
    render(Activate);
    const buttons = await screen.findAllByTestId('demo-key');
    expect(buttons.map((b) => b.textContent)).toEqual([
      expect.stringContaining('Free seat available'),
      expect.stringContaining('All seats taken'),
    ]);
    expect(screen.getByText('Try a demo key')).toBeTruthy();
    await fireEvent.click(buttons[1]);
    expect(keyInput().value).toBe('DEMO-FULL-0002');
    expect(activateButton().disabled).toBe(false);
    expect(document.activeElement).toBe(keyInput());
    expect(callsOf(calls, 'activate')).toHaveLength(0); // fills, does not submit
  });

  it('shows no demo section outside demo mode', async () => {
    const calls = mockCommands({ demo_keys: () => [] });
    render(Activate);
    await waitFor(() => expect(callsOf(calls, 'demo_keys')).toHaveLength(1));
    expect(screen.queryByTestId('demo-key')).toBeNull();
    expect(screen.queryByText('Try a demo key')).toBeNull();
  });

  it('shows a failed activation as an error; “Enter another key” clears the field', async () => {
    mockCommands({ demo_keys: () => [], activate: () => fail(report({ action: 'enter_new_key' })) });
    render(Activate);
    await type('WRONG-KEY-0000');
    await fireEvent.click(activateButton());
    expect((await screen.findByTestId('error-title')).textContent).toBe("This key isn't valid");
    expect(app.lastError).toEqual(report({ action: 'enter_new_key' })); // for the support report
    await fireEvent.click(screen.getByTestId('error-action'));
    expect(screen.queryByTestId('error-title')).toBeNull();
    expect(keyInput().value).toBe('');
  });

  it('“Get help” opens the Support page', async () => {
    mockCommands({ demo_keys: () => [], activate: () => fail(report({ action: 'contact_support' })) });
    app.screen = 'activate';
    render(Activate);
    await type('GOOD-KEY-1234');
    await fireEvent.click(activateButton());
    await fireEvent.click(await screen.findByRole('button', { name: 'Get help' }));
    expect(app.screen).toBe('support');
  });

  it('“Try again” retries with the same key', async () => {
    let n = 0;
    const calls = mockCommands({
      demo_keys: () => [],
      activate: () => (++n === 1 ? fail(report({ kind: 'network', action: 'check_connection' })) : license()),
    });
    render(Activate);
    await type('GOOD-KEY-1234');
    await fireEvent.click(activateButton());
    await screen.findByTestId('error-title');
    await type('SOMETHING-ELSE'); // editing the field does not change what is retried
    await fireEvent.click(screen.getByTestId('error-action'));
    await waitFor(() => expect(app.screen).toBe('license'));
    expect(callsOf(calls, 'activate').map((c) => c.args.key)).toEqual(['GOOD-KEY-1234', 'GOOD-KEY-1234']);
  });
});
