/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

// Tauri embeds `dist/` (tauri.conf.json: frontendDist = ../ui/dist) and serves it
// under a strict CSP (`default-src 'self'`): relative URLs, no inline scripts,
// nothing fetched from elsewhere.
export default defineConfig({
  base: './',
  plugins: [svelte(), svelteTesting()],
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
    // The Fluent files (src/lib/i18n/bundles.ts) live at the repository's root, shared with Rust.
    fs: { allow: ['.', '../locales'] },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // WebKitGTK supports <link rel="modulepreload">; no polyfill needed.
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    restoreMocks: true,
  },
});
