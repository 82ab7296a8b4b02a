import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import Devices from '../lib/views/Devices.svelte';
import type { FreedView } from '../lib/api';
import { callsOf, clearMocks, deferred, fail, mockCommands } from '../lib/api/mock';
import { app, resetApp } from '../lib/state/app.svelte';
import { device, devicesView, freed, license, report } from './fixtures';

afterEach(() => {
  clearMocks();
  resetApp();
});

const me = device({ id: 'act_me', name: 'Work desktop', platform: 'Linux', this_device: true });
const laptop = device({ id: 'act_old', name: 'Old laptop', platform: 'Windows' });
const imac = device({ id: 'act_mac', name: 'Studio iMac', platform: 'macOS' });

describe('Devices', () => {
  it('lists every device and marks this one', async () => {
    mockCommands({ list_devices: () => devicesView([laptop, me, imac]) });
    render(Devices);
    const rows = await screen.findAllByTestId('device-row');
    expect(rows).toHaveLength(3);
    const mine = rows.filter((r) => r.dataset.thisDevice === 'true');
    expect(mine).toHaveLength(1);
    expect(within(mine[0]).getByText('This device')).toBeTruthy();
    expect(within(mine[0]).getByTestId('device-name').textContent).toBe('Work desktop');
    expect(within(mine[0]).queryByTestId('free-button')).toBeNull();
    for (const row of rows.filter((r) => r !== mine[0])) {
      expect(within(row).queryByText('This device')).toBeNull();
      expect(within(row).getByTestId('free-button')).toBeTruthy();
    }
    expect(within(rows[0]).getByText('Windows')).toBeTruthy();
    expect(rows[0].textContent).toMatch(/Activated/);
    expect(rows[0].textContent).toMatch(/Last seen/);
    expect(screen.getByTestId('seats').textContent?.trim()).toBe('3 of 3 seats used');
  });

  it('asks a confirmation naming the device, shows progress, then the new count', async () => {
    app.license = license({ seats_used: 3 });
    const pending = deferred<FreedView>();
    const calls = mockCommands({
      list_devices: () => devicesView([laptop, me, imac]),
      free_device: () => pending.promise,
    });
    render(Devices);
    const rows = await screen.findAllByTestId('device-row');
    await fireEvent.click(within(rows[2]).getByTestId('free-button'));

    const dialog = screen.getByTestId('confirm-dialog');
    expect(dialog.getAttribute('role')).toBe('alertdialog');
    expect(screen.getByTestId('confirm-title').textContent).toBe('Free the seat of “Studio iMac”?');
    expect(dialog.textContent).toContain('Studio iMac');
    expect(dialog.textContent).not.toContain('Old laptop');
    // Focus moves into the dialog, on the safe choice.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('cancel-button')));
    expect(callsOf(calls, 'free_device')).toHaveLength(0);

    await fireEvent.click(screen.getByTestId('confirm-button'));
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
    expect(callsOf(calls, 'free_device').map((c) => c.args.activationId)).toEqual(['act_mac']);
    const busy = within(rows[2]).getByTestId('free-button') as HTMLButtonElement;
    expect(busy.textContent).toContain('Freeing…');
    expect(busy.disabled).toBe(true);
    // One free at a time.
    expect((within(rows[0]).getByTestId('free-button') as HTMLButtonElement).disabled).toBe(true);

    pending.resolve(freed(imac, 2));
    await waitFor(() => expect(screen.getAllByTestId('device-row')).toHaveLength(2));
    expect(screen.getByTestId('seats').textContent?.trim()).toBe('2 of 3 seats used');
    expect(screen.getByTestId('free-status').textContent).toBe('Freed the seat of “Studio iMac”. 2 of 3 seats used.');
    expect(app.license?.seats_used).toBe(2);
  });

  it('Escape closes the confirmation without freeing', async () => {
    const calls = mockCommands({ list_devices: () => devicesView([laptop, me]), free_device: () => freed(laptop, 1) });
    render(Devices);
    const freeButton = within((await screen.findAllByTestId('device-row'))[0]).getByTestId('free-button');
    freeButton.focus();
    await fireEvent.click(freeButton);
    expect(screen.getByTestId('confirm-title').textContent).toContain('Old laptop');
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
    expect(callsOf(calls, 'free_device')).toHaveLength(0);
    await waitFor(() => expect(document.activeElement).toBe(freeButton));
  });

  it('shows a friendly error when listing fails, and “Try again” reloads', async () => {
    let n = 0;
    const calls = mockCommands({
      list_devices: () => (++n === 1 ? fail(report({ kind: 'network', action: 'check_connection', title: 'No connection' })) : devicesView([me])),
    });
    render(Devices);
    expect((await screen.findByTestId('error-title')).textContent).toBe('No connection');
    expect(app.lastError?.title).toBe('No connection');
    await fireEvent.click(screen.getByTestId('error-action'));
    await screen.findByTestId('device-row');
    expect(screen.queryByTestId('error-title')).toBeNull();
    expect(callsOf(calls, 'list_devices')).toHaveLength(2);
  });
});
