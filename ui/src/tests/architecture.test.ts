// Only src/lib/api/ may import the generated bindings or @tauri-apps/*.

import { expect, it } from 'vitest';

const sources = import.meta.glob<string>(['/src/**/*.ts', '/src/**/*.svelte', '!/src/lib/api/**', '!/src/lib/bindings.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

const IMPORT = /(from|import)\s*\(?\s*['"](@tauri-apps\/[^'"]*|[^'"]*\bbindings(\.ts|\.js)?)['"]/;

it('recognises such imports', () => {
  expect(IMPORT.test("import { commands } from '../bindings';")).toBe(true);
  expect(IMPORT.test('import type { X } from "./lib/bindings.ts";')).toBe(true);
  expect(IMPORT.test("import { invoke } from '@tauri-apps/api/core';")).toBe(true);
  expect(IMPORT.test("const m = await import('@tauri-apps/api/mocks');")).toBe(true);
  expect(IMPORT.test("import { activate } from '../lib/api';")).toBe(false);
});

it('keeps the bindings and @tauri-apps/* behind src/lib/api/', () => {
  expect(Object.keys(sources).length).toBeGreaterThan(10);
  const offenders = Object.entries(sources)
    .filter(([path]) => !path.endsWith('architecture.test.ts'))
    .filter(([, text]) => IMPORT.test(text))
    .map(([path]) => path);
  expect(offenders).toEqual([]);
});
