import { mount } from 'svelte';
import App from './App.svelte';
import { bootedOrAfter } from './lib/state/app.svelte';
import './app.css';

/** How long the first paint may wait for the start-up check. */
const FIRST_PAINT_WAIT_MS = 250;

const target = document.getElementById('app');
if (!target) throw new Error('Keyslot: #app is missing from index.html');

void bootedOrAfter(FIRST_PAINT_WAIT_MS).then(() => mount(App, { target }));
