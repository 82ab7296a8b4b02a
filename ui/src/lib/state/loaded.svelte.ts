// What a view reads from the app when it opens, and again on Refresh or
// Retry (Devices, Support, About): one read at a time, the last answer kept,
// a failure kept for the view and remembered for the support report.

import type { KeyslotError } from '../api';
import { rememberError } from './app.svelte';

export class Loaded<T> {
  /** The last answer, `null` until one came. */
  value = $state<T | null>(null);
  /** Whether a read is running. */
  loading = $state(false);
  /** Why the last read (or the view's own action) failed. */
  error = $state<KeyslotError | null>(null);
  readonly #read: () => Promise<T>;

  constructor(read: () => Promise<T>) {
    this.#read = read;
  }

  /** Reads again, unless a read is running. */
  async load(): Promise<void> {
    if (this.loading) return;
    this.loading = true;
    this.error = null;
    try {
      this.value = await this.#read();
    } catch (e) {
      this.error = rememberError(e);
    } finally {
      this.loading = false;
    }
  }
}
