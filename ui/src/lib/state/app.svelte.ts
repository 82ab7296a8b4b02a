// The app's navigation and shared state: which screen is shown, the license
// when one is activated, the last error the user saw (for the support
// report), and the languages on offer. A small rune-based store; no router.
// The state owns its mutations: the actions below call the api and update it
// themselves, so views call them and render.

import * as api from '../api';
import { KeyslotError } from '../api';
import type {
  Action,
  Capabilities,
  DemoKey,
  DevicesView,
  ErrorReport,
  FreedView,
  Lang,
  LanguageOption,
  LanguageView,
  LicenseView,
  OfflineRequestView,
  OpenedLink,
} from '../api';
import { ACTION_EFFECTS } from '../actions';
import { applyLanguage } from '../i18n';
import { nextCheckIn, renewed } from './checks';

export type Screen = 'starting' | 'activate' | 'license' | 'devices' | 'support' | 'about' | 'error';

/** What Keyslot's own server can do, assumed until a server says otherwise. */
const ASSUMED: Capabilities = { list_devices: true, free_seat: true, free_seat_elsewhere: null, heartbeat_secs: null, offline: true };

/** What the server said it can do ({@link loadCapabilities}); `null` until read (or unreadable). */
let serverCapabilities = $state<Capabilities | null>(null);

class AppState {
  /** The screen shown. */
  screen = $state<Screen>('starting');
  /** The activated license, if any. */
  license = $state<LicenseView | null>(null);
  /** Why the license could not be read at start (screen `error`). */
  startupError = $state<KeyslotError | null>(null);
  /** The last error any view showed; goes into the support report. */
  lastError = $state<ErrorReport | null>(null);
  /** Whether the start-up check is running again (retry from the error screen). */
  checking = $state(false);
  /** The demo keys offered on Activate (empty outside demo mode); `null` until read. */
  demoKeys = $state<DemoKey[] | null>(null);
  /** A `keyslot://activate` link opened and not yet taken by Activate ({@link takeLink}). */
  link = $state<OpenedLink | null>(null);
  /** The languages Keyslot offers, for the picker; empty until read (or unreadable). */
  languages = $state<LanguageOption[]>([]);

  /**
   * What the license server lets the app do, the one place to ask: the
   * activated license's answer, else the server's, else what Keyslot's own
   * server can do.
   */
  get capabilities(): Capabilities {
    return this.license?.capabilities ?? serverCapabilities ?? ASSUMED;
  }
}

export const app = new AppState();

/** Shows `screen`. Screens that need a license fall back to Activate without one. */
export function go(screen: Screen): void {
  if ((screen === 'license' || screen === 'devices') && !app.license) {
    app.screen = app.startupError ? 'error' : 'activate';
    return;
  }
  app.screen = screen;
}

let demoRead: Promise<DemoKey[]> | null = null;

/** Reads the demo keys once, however often asked (empty outside demo mode or when they can't be read). */
export function loadDemoKeys(): Promise<DemoKey[]> {
  demoRead ??= api
    .demoKeys()
    .catch(() => [])
    .then((keys) => {
      app.demoKeys = keys;
      return keys;
    });
  return demoRead;
}

let capabilitiesRead: Promise<Capabilities | null> | null = null;

/** Reads what the server can do once, however often asked (`null` when it can't be read). */
export function loadCapabilities(): Promise<Capabilities | null> {
  capabilitiesRead ??= api
    .serverCapabilities()
    .catch(() => null)
    .then((c) => {
      serverCapabilities = c;
      return c;
    });
  return capabilitiesRead;
}

/** The longest a timer waits before the store looks again (browsers fire longer ones at once). */
const MAX_TIMER_MS = 24 * 3600_000;

let checkTimer: ReturnType<typeof setTimeout> | null = null;
/** When the next check is due (ms since the epoch). */
let checkDueAt = 0;
/** Checks in a row that didn't renew the lease ({@link renewed}). */
let missedChecks = 0;
/** The check running, if any: the timer's and "Check now" share it. */
let checkRunning: Promise<KeyslotError | null> | null = null;
/** Counts the licenses shown: a check answers only for the one it was started for. */
let shownLicense = 0;

/**
 * Keeps the license fresh while the app runs, one timer for both reasons
 * ({@link nextCheckIn}): servers that keep a session (appauth) want a
 * check-in every `heartbeat_secs`; a lease wants renewing after its
 * `renew_after`, with jitter, and retrying with backoff while the server
 * can't be reached. Each check re-reads the license quietly; a failure that
 * is not transient (revoked, expired, lease no longer holding, session lost)
 * shows its error screen. Call whenever the license changes; without one,
 * nothing is scheduled.
 */
function keepChecking(): void {
  if (checkTimer) clearTimeout(checkTimer);
  checkTimer = null;
  if (!app.license || checkRunning) return;
  const wait = nextCheckIn(app.license, missedChecks, Date.now(), Math.random());
  if (wait === null) return;
  checkDueAt = Date.now() + wait;
  armCheck();
}

function armCheck(): void {
  checkTimer = setTimeout(() => {
    checkTimer = null;
    if (Date.now() < checkDueAt) armCheck();
    else void check();
  }, Math.min(Math.max(0, checkDueAt - Date.now()), MAX_TIMER_MS));
}

/** Reads the license again (once at a time); resolves to the transient error, if that is how it failed. */
function check(): Promise<KeyslotError | null> {
  if (checkRunning) return checkRunning;
  const running: Promise<KeyslotError | null> = runCheck().finally(() => {
    if (checkRunning === running) checkRunning = null;
    keepChecking();
  });
  checkRunning = running;
  return running;
}

async function runCheck(): Promise<KeyslotError | null> {
  if (checkTimer) clearTimeout(checkTimer);
  checkTimer = null;
  const shown = shownLicense;
  try {
    const license = await api.licenseStatus();
    if (shown !== shownLicense) return null;
    missedChecks = renewed(license, Date.now()) ? 0 : missedChecks + 1;
    app.license = license;
    return null;
  } catch (e) {
    const error = KeyslotError.from(e);
    if (shown !== shownLicense) return null;
    if (error.report.retry === 'backoff') {
      missedChecks += 1;
      return error;
    }
    showStartupError(error);
    return null;
  }
}

/**
 * "Check now": reads the license again at once and shows it. A failure that
 * is not transient shows its error screen, as the timer's checks do; a
 * transient one leaves the license as it was and is thrown (a `KeyslotError`)
 * for the view to show.
 */
export async function checkNow(): Promise<void> {
  const transient = await check();
  if (transient) throw transient;
}

/** The license could not be read: no license, and the error screen shows why. */
function showStartupError(error: KeyslotError): void {
  shownLicense += 1;
  app.license = null;
  keepChecking();
  app.startupError = rememberError(error);
  app.screen = 'error';
}

/** A license was activated (or read): show it. */
function showLicense(license: LicenseView): void {
  shownLicense += 1;
  missedChecks = renewed(license, Date.now()) ? 0 : 1;
  app.license = license;
  app.startupError = null;
  app.screen = 'license';
  keepChecking();
}

/** No license on this device: show Activate. */
function showActivate(): void {
  shownLicense += 1;
  app.license = null;
  keepChecking();
  app.startupError = null;
  app.screen = 'activate';
}

/** The seat counts of the activated license, newer than the ones it was read with. */
function setSeats(used: number, total: number): void {
  if (app.license) app.license = { ...app.license, seats_used: used, seats_total: total };
}

let booted: Promise<void> | null = null;

/**
 * The start-up check ({@link start}) and the language ({@link loadLanguage}),
 * run once however often they are asked for; then links are watched. Not
 * before: a link that came with the launch waits in the app until then, so
 * the check's screen does not cover it.
 */
export function boot(): Promise<void> {
  booted ??= Promise.all([loadLanguage(), start()]).then(() => api.watchLinks(openLink));
  return booted;
}

/** Speaks the language Keyslot speaks and offers its others; stays in English when it can't be read. */
async function loadLanguage(): Promise<void> {
  try {
    showLanguage(await api.language());
  } catch {
    // Only a window without its app gets here: English, then, and no picker.
  }
}

function showLanguage(view: LanguageView): void {
  app.languages = view.available;
  applyLanguage(view.current);
}

/**
 * Switches to `lang`: Keyslot keeps the choice and speaks it from now on,
 * the window's words change at once, and what came from Keyslot in the old
 * language is read again: the license (or the start-up error), the demo
 * keys and the server's capabilities. Views read their own data again as
 * the window shows them anew in the new language (App.svelte). Throws a
 * `KeyslotError` when Keyslot can't switch; the language stays as it was.
 */
export async function chooseLanguage(lang: Lang): Promise<void> {
  showLanguage(await api.setLanguage(lang));
  demoRead = null;
  capabilitiesRead = null;
  void loadDemoKeys();
  void loadCapabilities();
  if (app.license) await check();
  else if (app.startupError) await start();
}

/**
 * A `keyslot://activate` link was opened: Activate shows, even over an
 * activated license, with its key filled in (or its hint) once Activate
 * takes it. A newer link replaces one not yet taken.
 */
function openLink(link: OpenedLink): void {
  app.link = link;
  go('activate');
}

/** The link opened, for Activate to fill in; `null` when none is waiting. */
export function takeLink(): OpenedLink | null {
  const link = app.link;
  app.link = null;
  return link;
}

/**
 * Resolves when the start-up check is done or after `ms`, whichever comes
 * first: the first paint waits that long, so a fast check paints its screen
 * at once and a slow one shows "Checking your license…" meanwhile.
 */
export function bootedOrAfter(ms: number): Promise<void> {
  return Promise.race([boot(), new Promise<void>((resolve) => setTimeout(resolve, ms))]);
}

/**
 * Reads the license: ok → License; `not_activated` → Activate; else the error
 * screen. The demo keys are read alongside, so Activate appears complete in
 * one paint rather than growing its demo list a moment later.
 */
export async function start(): Promise<void> {
  app.checking = true;
  const demo = loadDemoKeys();
  void loadCapabilities();
  try {
    showLicense(await api.licenseStatus());
  } catch (e) {
    const error = KeyslotError.from(e);
    if (error.report.kind === 'not_activated') {
      app.license = null;
      await demo;
      showActivate();
    } else {
      showStartupError(error);
    }
  } finally {
    app.checking = false;
  }
}

/** Activates this device with `key` and shows its license; throws a `KeyslotError` when it can't. */
export async function activate(key: string): Promise<void> {
  showLicense(await api.activate(key));
}

/**
 * A request code for the vendor's offline page: to activate this device with
 * `key` (as typed), or, without one, to renew its license. Throws a
 * `KeyslotError` when it can't be made.
 */
export function offlineRequest(of?: { key: string }): Promise<OfflineRequestView> {
  return of ? api.offlineRequest(of.key) : api.renewalRequest();
}

/**
 * Imports the license file the offline page gave, pasted as `text`, and
 * shows the license; throws a `KeyslotError` when it isn't one for this
 * device (nothing changes then).
 */
export async function importLicense(text: string): Promise<void> {
  showLicense(await api.importLease(text));
}

/**
 * Imports a license file chosen in the system's open dialog (titled
 * `title`) and shows the license; false when the user cancelled. Throws as
 * {@link importLicense} does.
 */
export async function importLicenseFile(title: string): Promise<boolean> {
  const license = await api.importLeaseFile(title);
  if (license) showLicense(license);
  return license !== null;
}

/**
 * The devices holding seats: of the activated license (whose seat count is
 * then updated), or, given `key`, of that key, which could not be activated
 * (the free-a-slot flow).
 */
export async function listDevices(of?: { key: string }): Promise<DevicesView> {
  if (of) return api.listDevicesFor(of.key);
  const list = await api.listDevices();
  setSeats(list.seats_used, list.seats_total);
  return list;
}

/**
 * Frees the seat `activationId`: of the activated license (its seat count is
 * updated; when the seat was this device's, the license is gone and Activate
 * shows), or, given `key`, of that key (the free-a-slot flow).
 */
export async function freeDevice(activationId: string, of?: { key: string }): Promise<FreedView> {
  if (of) return api.freeDeviceFor(of.key, activationId);
  const freed = await api.freeDevice(activationId);
  setSeats(freed.seats_used, freed.seats_total);
  if (freed.forgot_this_device) showActivate();
  return freed;
}

/** Frees this device's seat, removes the license from it and shows Activate. */
export async function forget(): Promise<void> {
  await api.forgetLicense();
  showActivate();
}

/**
 * Follows an error's action when it leads to another screen: "Get help"
 * opens Support; "Activate this device", "Enter another key" and "Free a
 * slot" check the license again (or, without one, open Activate). Returns
 * false for the rest, which the view showing the error handles: its own
 * retry, or nothing more than the error view's explanation.
 */
export function followAction(action: Action): boolean {
  switch (ACTION_EFFECTS[action]) {
    case 'support':
      go('support');
      return true;
    case 'activate':
    case 'new_key':
    case 'free_slot':
      if (app.license) void start();
      else go('activate');
      return true;
    default:
      return false;
  }
}

/** `error` as a `KeyslotError`, recorded as the one the user is looking at (for "Copy support report"). */
export function rememberError(error: unknown): KeyslotError {
  const shown = KeyslotError.from(error);
  app.lastError = shown.report;
  return shown;
}

/** Back to the initial state (tests). */
export function resetApp(): void {
  app.screen = 'starting';
  app.license = null;
  app.startupError = null;
  app.lastError = null;
  app.checking = false;
  app.demoKeys = null;
  app.link = null;
  app.languages = [];
  applyLanguage('en');
  serverCapabilities = null;
  demoRead = null;
  capabilitiesRead = null;
  booted = null;
  shownLicense += 1;
  missedChecks = 0;
  checkRunning = null;
  keepChecking();
}
