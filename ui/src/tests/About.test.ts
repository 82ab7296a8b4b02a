import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import About from '../lib/views/About.svelte';
import { callsOf, clearMocks, deferred, mockCommands, OPEN_PATH } from '../lib/api/mock';
import { resetApp } from '../lib/state/app.svelte';
import { aboutView, report } from './fixtures';

afterEach(() => {
  clearMocks();
  resetApp();
});

const text = (id: string) => screen.getByTestId(id).textContent?.trim();

describe('About', () => {
  it('shows the version, the server, the provider and the three paths', async () => {
    mockCommands({ about: () => aboutView() });
    render(About);
    expect((await screen.findByTestId('about-version')).textContent?.trim()).toBe('0.1.0');
    expect(text('about-server')).toBe('https://licenses.example.com');
    expect(text('about-provider')).toBe('license-api');
    expect(text('about-log-dir')).toBe(aboutView().log_dir);
    expect(text('about-state-dir')).toBe(aboutView().state_dir);
    expect(text('about-lease-file')).toBe(aboutView().lease_file);
  });

  it('says the demo server on this computer is the provider in demo mode', async () => {
    mockCommands({ about: () => aboutView({ demo: true, server: 'http://127.0.0.1:40123' }) });
    render(About);
    expect((await screen.findByTestId('about-provider')).textContent?.trim()).toBe('demo server on this computer');
    expect(text('about-server')).toBe('http://127.0.0.1:40123');
  });

  it('says when no server is configured', async () => {
    mockCommands({ about: () => aboutView({ server: null, provider: null }) });
    render(About);
    const server = await screen.findByTestId('about-server');
    expect(server.textContent?.trim()).toBe('None configured');
    expect(server.dataset.configured).toBe('false');
    expect(text('about-provider')).toBe('None');
  });

  it('copies each path with its own button', async () => {
    const calls = mockCommands({ about: () => aboutView(), copy_text: () => true });
    render(About);
    for (const id of ['about-log-dir', 'about-state-dir', 'about-lease-file']) {
      await fireEvent.click(await screen.findByTestId(`${id}-copy`));
      await waitFor(() => expect(text(`${id}-copied`)).toBe('Copied'));
    }
    const view = aboutView();
    expect(callsOf(calls, 'copy_text').map((c) => c.args.text)).toEqual([view.log_dir, view.state_dir, view.lease_file]);
    // Only the last copied path says so.
    expect(text('about-log-dir-copied')).toBe('');
  });

  it('asks to select the path when the clipboard refuses', async () => {
    mockCommands({ about: () => aboutView(), copy_text: () => false });
    render(About);
    await fireEvent.click(await screen.findByTestId('about-state-dir-copy'));
    await waitFor(() => expect(text('about-state-dir-copied')).toBe("Couldn't copy; select the path instead."));
  });

  it('opens the log folder with the opener', async () => {
    const calls = mockCommands({ about: () => aboutView(), [OPEN_PATH]: () => null });
    render(About);
    await fireEvent.click(await screen.findByTestId('open-log-folder'));
    await waitFor(() => expect(callsOf(calls, OPEN_PATH)).toHaveLength(1));
    expect(callsOf(calls, OPEN_PATH)[0].args.path).toBe(aboutView().log_dir);
    expect(callsOf(calls, OPEN_PATH)[0].args.with).toBeUndefined();
    await waitFor(() => expect(screen.getByTestId<HTMLButtonElement>('open-log-folder').disabled).toBe(false));
    expect(screen.queryByTestId('open-log-folder-failed')).toBeNull();
  });

  it('shows the path calmly when no file manager opens, and no error', async () => {
    mockCommands({ about: () => aboutView(), [OPEN_PATH]: () => Promise.reject('Failed to open path: no file manager') });
    render(About);
    await fireEvent.click(await screen.findByTestId('open-log-folder'));
    const failed = await screen.findByTestId('open-log-folder-failed');
    expect(failed.getAttribute('role')).toBe('status');
    expect(failed.textContent).toContain("Keyslot couldn't open a file manager here.");
    expect(failed.querySelector('code')?.textContent).toBe(aboutView().log_dir);
    expect(failed.textContent).not.toContain('no file manager');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByTestId('error-title')).toBeNull();
  });

  it('says nothing of a failure once the folder opens on a second try', async () => {
    let refuse = true;
    mockCommands({ about: () => aboutView(), [OPEN_PATH]: () => (refuse ? Promise.reject('no') : null) });
    render(About);
    await fireEvent.click(await screen.findByTestId('open-log-folder'));
    await screen.findByTestId('open-log-folder-failed');
    refuse = false;
    await fireEvent.click(screen.getByTestId('open-log-folder'));
    await waitFor(() => expect(screen.queryByTestId('open-log-folder-failed')).toBeNull());
  });

  it('shows a spinner while reading, and the error with a retry when it fails', async () => {
    const first = deferred<never>();
    let answer: () => unknown = () => first.promise;
    mockCommands({ about: () => answer() });
    render(About);
    expect((await screen.findByRole('status')).textContent).toContain("Reading Keyslot's settings");
    answer = () => aboutView();
    first.reject(report({ kind: 'unknown', code: 'storage_failed', title: 'Keyslot could not read its folders', action: 'retry' }));
    expect((await screen.findByTestId('error-title')).textContent).toBe('Keyslot could not read its folders');
    await fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect((await screen.findByTestId('about-version')).textContent?.trim()).toBe('0.1.0');
    expect(screen.queryByTestId('error-title')).toBeNull();
  });
});
