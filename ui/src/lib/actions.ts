// The one button an error view offers, by `report.action`.

import type { Action } from './api';
import { t } from './i18n';

/** The button's label for each action, in the window's language (the `Record` keeps it exhaustive). */
const ACTION_LABELS: Readonly<Record<Action, () => string>> = {
  free_slot: () => t('action-free-slot'),
  activate: () => t('action-activate'),
  retry: () => t('action-retry'),
  sync_clock: () => t('action-sync-clock'),
  enter_new_key: () => t('action-enter-new-key'),
  renew: () => t('action-renew'),
  contact_support: () => t('action-contact-support'),
  check_connection: () => t('action-retry'),
  close_other_sessions: () => t('action-retry'),
  sign_in: () => t('action-sign-in'),
};

/** The label of `action`; "Try again" for one this window doesn't know. */
export function actionLabel(action: Action): string {
  return ACTION_LABELS[action]?.() ?? t('action-retry');
}

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

/** What the error view says when Keyslot cannot do `action` itself; `null` when it can. */
export function actionInstruction(action: Action): string | null {
  switch (action) {
    case 'sync_clock':
      return t('action-sync-clock-instruction');
    case 'renew':
      return t('action-renew-instruction');
    default:
      return null;
  }
}
