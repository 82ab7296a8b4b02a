// The one button an error view offers, by `report.action`.

import type { Action } from './api';

/** The button's label for each action (the `Record` keeps it exhaustive). */
export const ACTION_LABELS: Readonly<Record<Action, string>> = {
  free_slot: 'Free a slot',
  activate: 'Activate this device',
  retry: 'Try again',
  sync_clock: 'Open date & time settings',
  enter_new_key: 'Enter another key',
  renew: 'Renew',
  contact_support: 'Get help',
  check_connection: 'Try again',
  close_other_sessions: 'Try again',
  sign_in: 'Sign in again',
};

/** Every action of the `Action` type. */
export const ALL_ACTIONS = Object.keys(ACTION_LABELS) as Action[];

/**
 * What the app does for an action:
 * - `retry`: run the failed operation again (after the user fixed something);
 * - `activate`: go to activation (or activate again with the same key);
 * - `free_slot`: open the device list of the key and free a seat;
 * - `new_key`: let the user type a different key;
 * - `support`: open the Support page;
 * - `explain`: Keyslot cannot do it for the user (open OS settings, the vendor's
 *   renewal page), so the error view explains how.
 */
export type ActionEffect = 'retry' | 'activate' | 'free_slot' | 'new_key' | 'support' | 'explain';

export const ACTION_EFFECTS: Readonly<Record<Action, ActionEffect>> = {
  free_slot: 'free_slot',
  activate: 'activate',
  retry: 'retry',
  sync_clock: 'explain',
  enter_new_key: 'new_key',
  renew: 'explain',
  contact_support: 'support',
  check_connection: 'retry',
  close_other_sessions: 'retry',
  sign_in: 'retry',
};

/** What the error view says when Keyslot cannot do the action itself. */
export const ACTION_INSTRUCTIONS: Readonly<Partial<Record<Action, string>>> = {
  sync_clock:
    "Keyslot can't open your system settings. Open Date & Time in your system settings, " +
    'turn on “Set time automatically” (or correct the time), then come back and try again.',
  renew:
    'Renew the license where you bought it (the link is in your purchase email or your ' +
    'account on the vendor’s site), then come back and try again.',
};
