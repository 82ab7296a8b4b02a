// The free-a-slot flow end to end over mocked IPC: activate → device_limit →
// "Free a slot" → the key's devices → free one (after a confirmation) →
// activation retried with the same key → License view.

import { afterEach, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import App from '../App.svelte';
import { callsOf, clearMocks, fail, mockCommands } from '../lib/api/mock';
import { app, resetApp } from '../lib/state/app.svelte';
import { device, deviceLimit, devicesView, freed, license, notActivated, report } from './fixtures';

afterEach(() => {
  clearMocks();
  resetApp();
});

const KEY = 'DEMO-FULL-0002';
const others = [
  device({ id: 'act_a', name: 'Studio iMac', platform: 'macOS' }),
  device({ id: 'act_b', name: 'Old laptop', platform: 'Windows' }),
  device({ id: 'act_c', name: 'Build box', platform: 'Linux' }),
];

it('frees a slot inline and retries the activation with the same key', async () => {
  let activations = 0;
  let freedOne = false;
  const calls = mockCommands({
    license_status: () => fail(notActivated()),
    demo_keys: () => [{ key: KEY, label: 'All seats taken' }],
    activate: () => {
      activations += 1;
      return freedOne ? license({ seats_used: 3, seats_total: 3 }) : fail(deviceLimit());
    },
    list_devices_for: () => devicesView(others, { seats_used: 3 }),
    free_device_for: (args) => {
      freedOne = true;
      return freed(others.find((d) => d.id === args.activationId)!, 2);
    },
  });

  render(App);

  // Not activated → the Activate view; fill the key from the demo list.
  await fireEvent.click((await screen.findAllByTestId('demo-key'))[0]);
  expect((screen.getByTestId('key-input') as HTMLInputElement).value).toBe(KEY);
  await fireEvent.click(screen.getByTestId('activate-button'));

  // All seats taken: the friendly error offers "Free a slot".
  expect((await screen.findByTestId('error-title')).textContent).toBe('All seats of this license are in use');
  const action = screen.getByTestId('error-action');
  expect(action.textContent?.trim()).toBe('Free a slot');
  await fireEvent.click(action);

  // The devices of THAT key open right here.
  const rows = await screen.findAllByTestId('device-row');
  expect(rows).toHaveLength(3);
  expect(callsOf(calls, 'list_devices_for').map((c) => c.args.key)).toEqual([KEY]);
  expect(screen.getByTestId('seats').textContent).toBe('3 of 3 seats used');

  // Free "Old laptop": a confirmation names it first; nothing is freed before confirming.
  await fireEvent.click(within(rows[1]).getByTestId('free-button'));
  expect(screen.getByTestId('confirm-title').textContent).toContain('Old laptop');
  expect(callsOf(calls, 'free_device_for')).toHaveLength(0);
  await fireEvent.click(screen.getByTestId('confirm-button'));

  // Activation is retried automatically with the same key, and the license shows.
  expect((await screen.findByTestId('license-state')).textContent?.trim()).toBe('Active');
  expect(callsOf(calls, 'free_device_for').map((c) => c.args)).toEqual([{ key: KEY, activationId: 'act_b' }]);
  expect(callsOf(calls, 'activate').map((c) => c.args.key)).toEqual([KEY, KEY]);
  expect(activations).toBe(2);
  expect(screen.getByTestId('seats').textContent?.trim()).toBe('3 of 3 seats used');
  expect(screen.queryByTestId('error-title')).toBeNull();
});

it('cancelling the confirmation (Escape) frees nothing', async () => {
  const calls = mockCommands({
    license_status: () => fail(notActivated()),
    demo_keys: () => [],
    activate: () => fail(deviceLimit()),
    list_devices_for: () => devicesView(others, { seats_used: 3 }),
    free_device_for: () => freed(others[0], 2),
  });
  render(App);
  await fireEvent.input(await screen.findByTestId('key-input'), { target: { value: KEY } });
  await fireEvent.click(screen.getByTestId('activate-button'));
  await fireEvent.click(await screen.findByTestId('error-action'));
  const rows = await screen.findAllByTestId('device-row');
  await fireEvent.click(within(rows[0]).getByTestId('free-button'));
  expect(screen.getByTestId('confirm-dialog')).toBeTruthy();
  await fireEvent.keyDown(window, { key: 'Escape' });
  expect(screen.queryByTestId('confirm-dialog')).toBeNull();
  expect(callsOf(calls, 'free_device_for')).toHaveLength(0);
  expect(callsOf(calls, 'activate')).toHaveLength(1);
});

it('shows the error when freeing fails, and the flow can start again', async () => {
  const calls = mockCommands({
    license_status: () => fail(notActivated()),
    demo_keys: () => [],
    activate: () => fail(deviceLimit()),
    list_devices_for: () => devicesView(others, { seats_used: 3 }),
    free_device_for: () =>
      fail(report({ kind: 'deactivation_limit', code: 'KS_1711', title: 'Seats were freed too often', action: 'retry' })),
  });
  render(App);
  await fireEvent.input(await screen.findByTestId('key-input'), { target: { value: KEY } });
  await fireEvent.click(screen.getByTestId('activate-button'));
  await fireEvent.click(await screen.findByTestId('error-action'));
  await fireEvent.click(within((await screen.findAllByTestId('device-row'))[2]).getByTestId('free-button'));
  await fireEvent.click(screen.getByTestId('confirm-button'));
  await waitFor(() => expect(screen.getByTestId('error-title').textContent).toBe('Seats were freed too often'));
  expect(app.lastError?.code).toBe('KS_1711');
  expect(callsOf(calls, 'activate')).toHaveLength(1); // no retry after a failed free
});
