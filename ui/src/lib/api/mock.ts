// Test helper: answers Keyslot's IPC commands from a table, over Tauri's own
// `mockIPC`, and records every call. Used by the Vitest suites only (it lives
// here because only `src/lib/api/` may import `@tauri-apps/*`).

import { Channel } from '@tauri-apps/api/core';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { ErrorReport } from '../bindings';

export type CommandArgs = Record<string, unknown>;
export type Handler = (args: CommandArgs) => unknown;
export interface IpcCall {
  cmd: string;
  args: CommandArgs;
}

/** Installs `handlers` (by command name, e.g. `list_devices_for`); returns the live call log. */
export function mockCommands(handlers: Record<string, Handler>): IpcCall[] {
  const calls: IpcCall[] = [];
  mockIPC((cmd, payload) => {
    const args = (payload ?? {}) as CommandArgs;
    calls.push({ cmd, args });
    const handler = handlers[cmd];
    if (!handler) return Promise.reject(`no mock for command ${cmd}`);
    return handler(args);
  });
  return calls;
}

/** The opener plugin's command behind `openLogFolder`, as `mockCommands` names it. */
export const OPEN_PATH = 'plugin:opener|open_path';

/** What the Rust side does when a command returns `Err(report)`: the invoke promise rejects with it. */
export function fail(report: ErrorReport): Promise<never> {
  return Promise.reject(report);
}

/** The calls of one command. */
export function callsOf(calls: IpcCall[], cmd: string): IpcCall[] {
  return calls.filter((c) => c.cmd === cmd);
}

/**
 * Sends `message` on the channel the last `cmd` call was given as `arg`, as
 * the Rust side's `Channel::send` does (e.g. a link on `watch_links`'s `onLink`).
 */
export function sendOn(calls: IpcCall[], cmd: string, arg: string, message: unknown): void {
  const channel = callsOf(calls, cmd).at(-1)?.args[arg];
  if (!(channel instanceof Channel)) throw new Error(`no ${cmd} call with a channel as ${arg}`);
  channel.onmessage(message);
}

/** A promise with its resolve/reject exposed (to hold a command "in flight"). */
export function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export { clearMocks };
