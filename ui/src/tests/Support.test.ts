import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import Support from '../lib/views/Support.svelte';
import { callsOf, clearMocks, fail, mockCommands } from '../lib/api/mock';
import { app, resetApp } from '../lib/state/app.svelte';
import { diagnostics, lease, license, nextStep, offlineLicense, report } from './fixtures';

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
  });

  it("lists the app's and the command line's last requests as given, newest first, by the catalog's title with the raw code", async () => {
    mockCommands({ diagnose: () => diagnostics() });
    render(Support);
    const table = await screen.findByTestId('diag-recent');
    expect(table.getAttribute('aria-describedby')).toBeTruthy();
    const caption = document.getElementById(table.getAttribute('aria-describedby')!);
    expect(caption?.textContent).toMatch(/this app and the command line .*newest first/);
    expect([...table.querySelectorAll('th')].map((th) => th.getAttribute('scope'))).toEqual(['col', 'col', 'col', 'col', 'col']);

    const rows = screen.getAllByTestId('recent-row');
    expect(rows.map((r) => within(r).getByText(/^req_/).textContent)).toEqual(['req_c', 'req_b', 'req_a']);
    expect(rows.map((r) => r.dataset.ok)).toEqual(['true', 'false', 'false']);

    expect(within(rows[0]).getByText('OK (HTTP 200)')).toBeTruthy();
    expect(within(rows[1]).getByText('All seats are in use')).toBeTruthy();
    expect(within(rows[1]).getByText('1705').parentElement?.textContent).toMatch(/1705, HTTP 409/);
    expect(rows[1].textContent).toContain('8 ms');
    expect(within(rows[2]).getByText('The license server is busy')).toBeTruthy();
    expect(rows[2].textContent).toMatch(/1790, HTTP 503/);
  });

  it("marks the support check's own calls and shows the attempt after the first", async () => {
    mockCommands({ diagnose: () => diagnostics() });
    render(Support);
    await screen.findByTestId('diag-recent');
    const rows = screen.getAllByTestId('recent-row');
    expect(rows.map((r) => r.dataset.probe)).toEqual(['true', 'false', 'false']);
    expect(within(rows[0]).getByText('support check')).toBeTruthy();
    expect(rows.filter((r) => r.textContent?.includes('support check'))).toEqual([rows[0]]);
    expect(within(rows[1]).getByText('attempt 2')).toBeTruthy();
    expect(rows.filter((r) => r.textContent?.includes('attempt'))).toEqual([rows[1]]);
  });

  it('shows the next step first: the cause, the evidence, the steps in order and one action', async () => {
    mockCommands({ diagnose: () => diagnostics() });
    render(Support);
    const card = await screen.findByTestId('next-step');
    expect(within(card).getByRole('heading', { level: 2 }).textContent).toBe('All seats are in use');
    expect(within(card).getByTestId('next-step-evidence').textContent).toContain('1705 at 2025-10-09T08:53:30Z');
    expect(within(card).getByTestId('next-step-evidence').textContent).toContain('license-api 1705');
    expect(within(card).getAllByTestId('next-step-step').map((li) => li.textContent)).toEqual(nextStep().steps);
    expect(within(card).getAllByTestId('next-step-step')[0].parentElement?.tagName).toBe('OL');
    const action = within(card).getByTestId('next-step-action');
    expect(action.textContent?.trim()).toBe('Free a slot');
    expect(action.dataset.action).toBe('free_slot');
    expect(within(card).getAllByRole('button')).toEqual([action]);
    const before = (a: HTMLElement, b: HTMLElement) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    expect(before(card, screen.getByTestId('diag-server'))).toBe(true);
    expect(before(card, screen.getByTestId('diag-recent'))).toBe(true);
    expect(screen.queryByTestId('next-step-none')).toBeNull();
  });

  it("follows the next step's action as the app does elsewhere: “Free a slot” without a license opens Activate", async () => {
    const calls = mockCommands({ diagnose: () => diagnostics() });
    app.screen = 'support';
    render(Support);
    await fireEvent.click(await screen.findByTestId('next-step-action'));
    expect(app.screen).toBe('activate');
    expect(callsOf(calls, 'diagnose')).toHaveLength(1);
  });

  it('runs the checks again for a next step the page retries itself', async () => {
    const calls = mockCommands({
      diagnose: () => diagnostics({ next_step: nextStep({ cause: "Can't reach the license server", action: 'check_connection' }) }),
    });
    app.screen = 'support';
    render(Support);
    const action = await screen.findByTestId('next-step-action');
    expect(action.textContent?.trim()).toBe('Try again');
    await fireEvent.click(action);
    await waitFor(() => expect(callsOf(calls, 'diagnose')).toHaveLength(2));
    expect(app.screen).toBe('support');
  });

  it("explains a next step Keyslot can't do itself, and checks again", async () => {
    const calls = mockCommands({
      diagnose: () => diagnostics({ next_step: nextStep({ cause: "Your computer's clock is wrong", action: 'sync_clock' }) }),
    });
    render(Support);
    const action = await screen.findByTestId('next-step-action');
    expect(action.textContent?.trim()).toBe('Open date & time settings');
    expect(screen.queryByTestId('next-step-instruction')).toBeNull();
    await fireEvent.click(action);
    expect((await screen.findByTestId('next-step-instruction')).textContent).toMatch(/Date & Time/);
    await waitFor(() => expect(callsOf(calls, 'diagnose')).toHaveLength(2));
  });

  it('“Get help” as the next step copies the support report', async () => {
    const calls = mockCommands({
      diagnose: () => diagnostics({ next_step: nextStep({ action: 'contact_support' }) }),
      support_report: () => 'REPORT',
      copy_text: () => true,
    });
    render(Support);
    const action = await screen.findByTestId('next-step-action');
    expect(action.textContent?.trim()).toBe('Get help');
    await fireEvent.click(action);
    expect(await screen.findByText(/^Copied/)).toBeTruthy();
    expect(callsOf(calls, 'copy_text').map((c) => c.args.text)).toEqual(['REPORT']);
  });

  it('says calmly that no problem was found when there is no next step', async () => {
    mockCommands({ diagnose: () => diagnostics({ next_step: null }) });
    render(Support);
    const none = await screen.findByTestId('next-step-none');
    expect(none.textContent?.trim()).toBe('No problem found: every check passed and the last request succeeded.');
    expect(screen.queryByTestId('next-step')).toBeNull();
    expect(screen.queryByTestId('next-step-action')).toBeNull();
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

  it("says whether the vendor's signing keys are pinned, and shows nothing for servers without them", async () => {
    mockCommands({ diagnose: () => diagnostics({ signing_keys: { source: 'fetched' } }) });
    const { unmount } = render(Support);
    const fetched = await screen.findByTestId('diag-signing-keys');
    expect(fetched.dataset.ok).toBe('false');
    expect(fetched.textContent).toContain('Fetched from the server, not pinned');
    unmount();

    mockCommands({ diagnose: () => diagnostics({ signing_keys: { source: 'pinned', count: 2 } }) });
    const second = render(Support);
    const pinned = await screen.findByTestId('diag-signing-keys');
    expect(pinned.dataset.ok).toBe('true');
    expect(pinned.textContent).toContain('Pinned (2)');
    second.unmount();

    mockCommands({ diagnose: () => diagnostics() });
    render(Support);
    await screen.findByTestId('diag-server');
    expect(screen.queryByTestId('diag-signing-keys')).toBeNull();
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

  it('shows the lease of an offline license: confirmed, renewal, end, grace end, offline', async () => {
    mockCommands({ diagnose: () => diagnostics() });
    app.license = offlineLicense({
      stage: 'grace',
      confirmed_at: '2026-12-04T10:00:00Z',
      renew_after: '2026-12-08T10:00:00Z',
      expires_at: '2026-12-11T10:00:00Z',
      grace_ends_at: '2026-12-14T10:00:00Z',
    });
    render(Support);
    const section = screen.getByTestId('lease');
    expect(section.dataset.stage).toBe('grace');
    expect(screen.getByTestId('lease-stage').textContent).toBe('In its grace period');
    const when = (id: string) => screen.getByTestId(id).querySelector('time')?.getAttribute('datetime');
    expect(when('lease-confirmed')).toBe('2026-12-04T10:00:00Z');
    expect(when('lease-renew')).toBe('2026-12-08T10:00:00Z');
    expect(when('lease-ends')).toBe('2026-12-11T10:00:00Z');
    expect(when('lease-grace-ends')).toBe('2026-12-14T10:00:00Z');
    expect(screen.getByTestId('lease-ends').textContent).toMatch(/2026/);
    expect(screen.getByTestId('lease-grace-ends').textContent).toMatch(/14/);
    const offline = screen.getByTestId('lease-offline');
    expect(offline.dataset.offline).toBe('true');
    expect(offline.textContent).toContain('Offline');
    expect(within(section).queryByText(/^(valid|grace)$/)).toBeNull(); // no raw codes
  });

  it('says a lease the server just confirmed is not offline', async () => {
    mockCommands({ diagnose: () => diagnostics() });
    app.license = license({ lease: lease() });
    render(Support);
    expect(screen.getByTestId('lease-stage').textContent).toBe('Holds');
    expect(screen.getByTestId('lease-offline').dataset.offline).toBe('false');
    expect(screen.getByTestId('lease-offline').textContent).toContain('Confirmed by the license server');
  });

  it('shows the key the lease is signed with and trusted time next to the wall clock', async () => {
    const kept = {
      stage: 'valid' as const,
      issued_at: '2026-12-04T10:00:00Z',
      renew_after: '2026-12-05T10:00:00Z',
      expires_at: '2026-12-11T10:00:00Z',
      grace_ends_at: '2026-12-14T10:00:00Z',
      key_id: 'ks1-0123456789abcdef',
      trusted_time: '2026-12-04T12:00:00Z',
      wall_clock: '2026-11-04T12:00:00Z',
    };
    mockCommands({ diagnose: () => diagnostics({ lease: kept }) });
    app.license = license({ lease: lease() });
    render(Support);
    expect((await screen.findByTestId('lease-key-id')).textContent).toBe('ks1-0123456789abcdef');
    const times = [...screen.getByTestId('lease-trusted-time').querySelectorAll('time')].map((t) => t.getAttribute('datetime'));
    expect(times).toEqual(['2026-12-04T12:00:00Z', '2026-11-04T12:00:00Z']);
  });

  it('shows no lease section without a lease', async () => {
    mockCommands({ diagnose: () => diagnostics() });
    app.license = license();
    render(Support);
    await screen.findByTestId('diag-server');
    expect(screen.queryByTestId('lease')).toBeNull();
  });
});
