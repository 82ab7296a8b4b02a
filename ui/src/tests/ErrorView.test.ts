import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import ErrorView from '../lib/components/ErrorView.svelte';
import type { Action } from '../lib/api';
import { ALL_ACTIONS } from '../lib/actions';
import { applyLanguage } from '../lib/i18n';
import { callsOf, clearMocks, mockCommands } from '../lib/api/mock';
import { app, resetApp } from '../lib/state/app.svelte';
import { report } from './fixtures';
import { visibleText } from './visible';

afterEach(() => {
  clearMocks();
  resetApp();
});

/** Every field of the app's state (accessors on its prototype, which a spread would miss). */
function appState(): Record<string, unknown> {
  const names = Object.getOwnPropertyNames(Object.getPrototypeOf(app)).filter((n) => n !== 'constructor');
  return Object.fromEntries(names.map((n) => [n, (app as unknown as Record<string, unknown>)[n]]));
}

// Written out on purpose (not derived from ACTION_LABELS): this is the spec.
const expectedLabels: [Action, string][] = [
  ['free_slot', 'Free a slot'],
  ['activate', 'Activate this device'],
  ['retry', 'Try again'],
  ['sync_clock', 'Open date & time settings'],
  ['enter_new_key', 'Enter another key'],
  ['renew', 'Renew'],
  ['contact_support', 'Get help'],
  ['check_connection', 'Try again'],
  ['close_other_sessions', 'Try again'],
  ['sign_in', 'Sign in again'],
];

describe('ErrorView', () => {
  it('renders the title, the message and each step, numbered in order', () => {
    const r = report({ steps: ['First do this.', 'Then that.', 'Finally this.'] });
    render(ErrorView, { report: r });
    expect(screen.getByTestId('error-title').textContent).toBe(r.title);
    expect(screen.getByTestId('error-message').textContent).toBe(r.message);
    const steps = screen.getAllByTestId('error-step') as HTMLLIElement[];
    expect(steps.map((s) => s.textContent)).toEqual(r.steps);
    expect(steps.map((s) => s.value)).toEqual([1, 2, 3]);
    for (const s of steps) expect(s.parentElement?.tagName).toBe('OL');
  });

  it('covers every action of the Action type', () => {
    expect([...ALL_ACTIONS].sort()).toEqual(expectedLabels.map(([a]) => a).sort());
  });

  it.each(expectedLabels)('offers exactly one action button for %s, labelled “%s”', (action, label) => {
    const { container } = render(ErrorView, { report: report({ action }) });
    const buttons = screen.getAllByTestId('error-action');
    expect(buttons).toHaveLength(1);
    expect(buttons[0].textContent?.trim()).toBe(label);
    // The only other button is Copy, inside the collapsed details.
    const outside = Array.from(container.querySelectorAll('button')).filter((b) => !b.closest('details'));
    expect(outside).toHaveLength(1);
  });

  it('keeps the raw code out of the visible text; it sits only in the collapsed details', () => {
    const r = report({ code: 'KS_1702_REVOKED_RAW', provider: 'keygen', http_status: 403, request_id: 'req_abc123' });
    const { container } = render(ErrorView, { report: r, at: new Date('2025-06-01T10:00:00Z') });
    const details = screen.getByTestId('support-details') as HTMLDetailsElement;
    expect(details.tagName).toBe('DETAILS');
    expect(details.open).toBe(false);
    expect(within(details).getByText('Details for support').tagName).toBe('SUMMARY');

    expect(visibleText(container)).not.toContain(r.code);
    expect(visibleText(container)).toContain(r.title);
    expect(container.textContent).toContain(r.code); // present, but collapsed

    const text = details.textContent ?? '';
    for (const part of ['keygen', 'KS_1702_REVOKED_RAW', '403', 'req_abc123', '2025-06-01T10:00:00.000Z']) {
      expect(text).toContain(part);
    }
    // No attribute outside the details leaks it either.
    const outsideHtml = container.innerHTML.replace(details.outerHTML, '');
    expect(outsideHtml).not.toContain(r.code);
  });

  it('copies the support details', async () => {
    const calls = mockCommands({ copy_text: () => true });
    const r = report({ code: 'KS_9', request_id: 'req_copy' });
    render(ErrorView, { report: r });
    await fireEvent.click(screen.getByTestId('copy-details'));
    expect(await screen.findByText('Copied')).toBeTruthy();
    const copied = callsOf(calls, 'copy_text').map((c) => String(c.args.text));
    expect(copied).toHaveLength(1);
    expect(copied[0]).toContain('KS_9');
    expect(copied[0]).toContain('req_copy');
  });

  it('copies the details with English labels for support staff, in German too, while the window shows them in German', async () => {
    applyLanguage('de');
    const calls = mockCommands({ copy_text: () => true });
    const r = report({
      title: 'Dieser Schlüssel ist ungültig',
      code: 'KS_9',
      http_status: null,
      request_id: 'req_copy',
      details: [{ field: 'key', message: 'zu kurz' }],
    });
    render(ErrorView, { report: r, at: new Date('2025-06-01T10:00:00Z') });
    expect(within(screen.getByTestId('support-details')).getByText('Details für den Support').tagName).toBe('SUMMARY');
    expect(within(screen.getByTestId('support-details')).getByText('Anfrage-ID').tagName).toBe('DT');
    await fireEvent.click(screen.getByTestId('copy-details'));
    await waitFor(() => expect(callsOf(calls, 'copy_text')).toHaveLength(1));
    expect(String(callsOf(calls, 'copy_text')[0].args.text)).toBe(
      [
        'Error: Dieser Schlüssel ist ungültig',
        'Provider: keyslot',
        'Code: KS_9',
        'HTTP status: None',
        'Request ID: req_copy',
        'Time: 2025-06-01T10:00:00.000Z',
        'Field key: zu kurz',
      ].join('\n'),
    );
  });

  it('says so when the clipboard refuses the details', async () => {
    mockCommands({ copy_text: () => false });
    render(ErrorView, { report: report() });
    await fireEvent.click(screen.getByTestId('copy-details'));
    expect(await screen.findByText("Couldn't copy; select the text above instead.")).toBeTruthy();
  });

  it('runs the action through onaction', async () => {
    const onaction = vi.fn();
    render(ErrorView, { report: report({ action: 'free_slot' }), onaction });
    await fireEvent.click(screen.getByTestId('error-action'));
    expect(onaction).toHaveBeenCalledWith('free_slot');
  });

  it('shows progress and ignores clicks while the action runs', async () => {
    const onaction = vi.fn();
    render(ErrorView, { report: report({ action: 'retry' }), onaction, busy: true, busyLabel: 'Activating…' });
    const button = screen.getByTestId('error-action') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.textContent).toContain('Activating…');
    await fireEvent.click(button);
    expect(onaction).not.toHaveBeenCalled();
  });

  it('leaves “Get help” to its parent, like every action', async () => {
    const onaction = vi.fn();
    render(ErrorView, { report: report({ action: 'contact_support' }), onaction });
    await fireEvent.click(screen.getByTestId('error-action'));
    expect(onaction).toHaveBeenCalledWith('contact_support');
  });

  it('“Open date & time settings” explains what to do, since Keyslot cannot open them', async () => {
    render(ErrorView, { report: report({ action: 'sync_clock', clock_offset_secs: 420 }) });
    expect(screen.getByTestId('error-clock').textContent).toBe("Your computer's clock is 7 minutes fast.");
    await fireEvent.click(screen.getByTestId('error-action'));
    expect(screen.getByTestId('error-instruction').textContent).toMatch(/Date & Time/);
  });

  it.each(ALL_ACTIONS)('writes no app state, shown or acted on (%s)', async (action) => {
    const before = appState();
    expect(Object.keys(before)).toEqual(expect.arrayContaining(['screen', 'license', 'lastError', 'capabilities']));
    const onaction = vi.fn();
    render(ErrorView, { report: report({ action }), onaction });
    await fireEvent.click(screen.getByTestId('error-action'));
    expect(onaction).toHaveBeenCalledWith(action);
    expect(appState()).toEqual(before);
  });

  it('waits out retry_after_secs before offering “Try again”', async () => {
    vi.useFakeTimers();
    try {
      render(ErrorView, { report: report({ action: 'retry', retry_after_secs: 2 }) });
      const button = screen.getByTestId('error-action') as HTMLButtonElement;
      expect(button.disabled).toBe(true);
      expect(button.textContent).toContain('Try again in 2 seconds');
      await vi.advanceTimersByTimeAsync(2100);
      expect(button.disabled).toBe(false);
      expect(button.textContent?.trim()).toBe('Try again');
    } finally {
      vi.useRealTimers();
    }
  });
});
