// Source-level rules: only src/lib/api/ may import the generated bindings or
// @tauri-apps/*; only the store (src/lib/state/) writes the app state; display
// components (src/lib/components/) don't touch the store at all.

import { expect, it } from 'vitest';

const sources = import.meta.glob<string>(['/src/**/*.ts', '/src/**/*.svelte', '!/src/lib/bindings.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** The app's own sources (not its tests) whose path matches `include` and not `exclude`. */
function appSources(include: RegExp, exclude?: RegExp): [string, string][] {
  return Object.entries(sources).filter(
    ([path]) => include.test(path) && !exclude?.test(path) && !path.startsWith('/src/tests/') && !path.endsWith('.test.ts'),
  );
}

function offenders(files: [string, string][], rule: RegExp): string[] {
  return files.filter(([, text]) => rule.test(text)).map(([path]) => path);
}

const TAURI_IMPORT = /(from|import)\s*\(?\s*['"](@tauri-apps\/[^'"]*|[^'"]*\bbindings(\.ts|\.js)?)['"]/;
const STORE_IMPORT = /(from|import)\s*\(?\s*['"][^'"]*\/state\/[^'"]*['"]/;
const APP_WRITE = /\bapp\.\w+\s*([-+*/]?=(?!=)|\+\+|--)|bind:\w+=\{\s*app\./;

it('recognises such imports and writes', () => {
  expect(TAURI_IMPORT.test("import { commands } from '../bindings';")).toBe(true);
  expect(TAURI_IMPORT.test('import type { X } from "./lib/bindings.ts";')).toBe(true);
  expect(TAURI_IMPORT.test("import { invoke } from '@tauri-apps/api/core';")).toBe(true);
  expect(TAURI_IMPORT.test("const m = await import('@tauri-apps/api/mocks');")).toBe(true);
  expect(TAURI_IMPORT.test("import { activate } from '../lib/api';")).toBe(false);

  expect(STORE_IMPORT.test("import { go } from '../state/app.svelte';")).toBe(true);
  expect(STORE_IMPORT.test("import { app } from './lib/state/app.svelte';")).toBe(true);
  expect(STORE_IMPORT.test("import { ACTION_LABELS } from '../actions';")).toBe(false);

  expect(APP_WRITE.test("app.screen = 'support';")).toBe(true);
  expect(APP_WRITE.test('app.lastError=report;')).toBe(true);
  expect(APP_WRITE.test('<input bind:value={app.key} />')).toBe(true);
  expect(APP_WRITE.test("app.screen === 'support'")).toBe(false);
  expect(APP_WRITE.test('app.license?.seats_used >= 2')).toBe(false);
  expect(APP_WRITE.test('let demo = $derived(app.demoKeys ?? []);')).toBe(false);
});

it('keeps the bindings and @tauri-apps/* behind src/lib/api/', () => {
  expect(Object.keys(sources).length).toBeGreaterThan(10);
  const files = Object.entries(sources).filter(([path]) => !path.startsWith('/src/lib/api/') && !path.endsWith('architecture.test.ts'));
  expect(offenders(files, TAURI_IMPORT)).toEqual([]);
});

it('lets only the store write the app state; views call its actions', () => {
  const files = appSources(/^\/src\//, /^\/src\/lib\/state\//);
  expect(files.map(([path]) => path)).toContain('/src/lib/views/Devices.svelte');
  expect(offenders(files, APP_WRITE)).toEqual([]);
});

it('keeps display components away from the store', () => {
  const files = appSources(/^\/src\/lib\/components\//);
  expect(files.map(([path]) => path)).toContain('/src/lib/components/ErrorView.svelte');
  expect(offenders(files, STORE_IMPORT)).toEqual([]);
});
