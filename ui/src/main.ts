import { mount } from 'svelte';
import App from './App.svelte';
import { boot } from './lib/state/app.svelte';
import './app.css';

/** How long the first paint may wait for the start-up check, so a fast check paints its screen at once. */
const FIRST_PAINT_WAIT_MS = 250;

const target = document.getElementById('app');
if (!target) throw new Error('Keyslot: #app is missing from index.html');

void Promise.race([boot(), new Promise((resolve) => setTimeout(resolve, FIRST_PAINT_WAIT_MS))]).then(() =>
  mount(App, { target }),
);
