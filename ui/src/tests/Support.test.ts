import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import Support from '../lib/views/Support.svelte';
import { callsOf, clearMocks, fail, mockCommands } from '../lib/api/mock';
import { app, resetApp } from '../lib/state/app.svelte';
import { diagnostics, report } from './fixtures';

afterEach(() => {
  clearMocks();
  resetApp();
});

describe('Support', () => {
  it('shows the diagnostics', async () => {
    mockCommands({ diagnose: () => diagnostics() });
    render(Support);
    const server = await screen.findByTestId('diag-server');
    expect(server.textContent).toContain('Reachable');
    expect(server.dataset.ok).toBe('true');
    expect(screen.getByTestId('diag-clock').textContent).toContain("Your computer's clock is 7 minutes fast.");
    expect(screen.getByTestId('diag-keychain').textContent).toContain('Working');
    const fp = screen.getByTestId('diag-fingerprint');
    expect(fp.dataset.changed).toBe('true');
    expect(fp.textContent).toContain('Changed since activation: disk');
    expect(fp.textContent).toContain('machine_id, cpu, disk');
    const rows = screen.getAllByTestId('recent-row');
    expect(rows).toHaveLength(2);
    // Newest first: the failed one.
    expect(within(rows[0]).getByText('KS_1705_SEATS (HTTP 409)')).toBeTruthy();
    expect(rows[0].textContent).toContain('8 ms');
    expect(rows[0].textContent).toContain('req_b');
    expect(within(rows[1]).getByText('OK (HTTP 200)')).toBeTruthy();
  });

  it('shows problems: server unreachable, keychain locked, fingerprint unchanged', async () => {
    mockCommands({
      diagnose: () =>
        diagnostics({
          server_reachable: false,
          server_problem: report({ title: 'No connection', message: 'The server did not answer.' }),
          keychain: { ok: false, problem: report({ title: 'The keychain is locked', message: 'Unlock it.' }) },
          fingerprint_changed: [],
          clock_offset_secs: 1,
        }),
    });
    render(Support);
    expect((await screen.findByTestId('diag-server')).textContent).toContain('Not reachable');
    expect(screen.getByTestId('diag-server').textContent).toContain('No connection');
    expect(screen.getByTestId('diag-keychain').textContent).toContain('The keychain is locked');
    expect(screen.getByTestId('diag-fingerprint').textContent).toContain('Unchanged since activation');
    expect(screen.getByTestId('diag-clock').textContent).toContain("matches the server's");
  });

  it('copies the support report with the last error, and says so', async () => {
    const lastError = report({ title: 'The last one' });
    app.lastError = lastError;
    const calls = mockCommands({
      diagnose: () => diagnostics(),
      support_report: () => 'REPORT TEXT …ABCD',
      copy_text: () => true,
    });
    render(Support);
    expect(screen.getByTestId('report-last-error').textContent).toContain('The last one');
    await fireEvent.click(screen.getByTestId('copy-report'));
    expect(await screen.findByText(/^Copied/)).toBeTruthy();
    expect(callsOf(calls, 'copy_text').map((c) => c.args.text)).toEqual(['REPORT TEXT …ABCD']);
    expect(callsOf(calls, 'support_report').map((c) => c.args.lastError)).toEqual([lastError]);
  });

  it('shows an error when the checks fail, remembers it, and “Try again” runs them again', async () => {
    let n = 0;
    const calls = mockCommands({
      diagnose: () => (++n === 1 ? fail(report({ kind: 'keychain_unavailable', action: 'retry', title: 'The keychain is locked' })) : diagnostics()),
    });
    render(Support);
    expect((await screen.findByTestId('error-title')).textContent).toBe('The keychain is locked');
    expect(app.lastError?.title).toBe('The keychain is locked');
    await fireEvent.click(screen.getByTestId('error-action'));
    expect(await screen.findByTestId('diag-server')).toBeTruthy();
    expect(screen.queryByTestId('error-title')).toBeNull();
    expect(callsOf(calls, 'diagnose')).toHaveLength(2);
  });

  it('sends null when no error was seen', async () => {
    const calls = mockCommands({
      diagnose: () => diagnostics(),
      support_report: () => 'R',
      copy_text: () => true,
    });
    render(Support);
    await fireEvent.click(screen.getByTestId('copy-report'));
    await screen.findByText(/^Copied/);
    expect(callsOf(calls, 'support_report')[0].args.lastError).toBeNull();
  });

  it('shows the report for manual copying when the clipboard refuses', async () => {
    mockCommands({
      diagnose: () => diagnostics(),
      support_report: () => 'MANUAL REPORT',
      copy_text: () => false,
    });
    render(Support);
    await fireEvent.click(screen.getByTestId('copy-report'));
    expect(await screen.findByTestId('copy-manual')).toBeTruthy();
    expect((screen.getByLabelText('Support report') as HTMLTextAreaElement).value).toBe('MANUAL REPORT');
  });
});
