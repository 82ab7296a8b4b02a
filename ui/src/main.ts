import { mount } from 'svelte';
import App from './App.svelte';
import { bootedOrAfter } from './lib/state/app.svelte';
import { readWords } from './lib/i18n';
import './app.css';

/** How long the first paint may wait for the start-up check. */
const FIRST_PAINT_WAIT_MS = 250;

// Marks read by the start-up probe (tests/e2e/benches/startup.rs) to say where
// the page's time goes.
performance.mark('keyslot:script');

const target = document.getElementById('app');
if (!target) throw new Error('Keyslot: #app is missing from index.html');

// The start-up calls go out first; English's words are parsed while they are answered.
const ready = bootedOrAfter(FIRST_PAINT_WAIT_MS);
readWords('en');
performance.mark('keyslot:words');

void ready.then(() => {
  performance.mark('keyslot:booted');
  mount(App, { target });
  performance.mark('keyslot:mounted');
  requestAnimationFrame(() => performance.mark('keyslot:frame'));
});
