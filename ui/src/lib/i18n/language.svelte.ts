// The language the window speaks, and its words in it: `t(id, args)`.

import type { Lang } from '../api';
import { bundleFor, formatIn, type Args } from './bundles';

/** The source language, and every message's fallback. */
const ENGLISH: Lang = 'en';

let current = $state<Lang>(ENGLISH);

/**
 * The language the window speaks: its tag (`en`, `de`, `ja`) also names the
 * locale of dates and times. Reactive: a template or `$derived` reading it
 * follows a change.
 */
export function lang(): Lang {
  return current;
}

/** Speaks `next` from now on: every `t()`, date and time, and `<html lang>`. */
export function applyLanguage(next: Lang): void {
  readWords(next);
  current = next;
  document.documentElement.lang = next;
}

/**
 * Parses `lang`'s words (and English's, every message's fallback) now, not
 * at the first `t()`: at start-up while Keyslot answers the first calls.
 */
export function readWords(lang: Lang): void {
  bundleFor(ENGLISH);
  bundleFor(lang);
}

/**
 * Message `id` in the current language, with `args`; `id.attr` names one of
 * its attributes. A message the language lacks comes in English; one no
 * language has comes out as its id (a test keeps every id in ui.ftl or
 * core.ftl).
 */
export function t(id: string, args?: Args): string {
  return formatIn([bundleFor(current), bundleFor(ENGLISH)], id, args) ?? id;
}

/**
 * Message `id` in English whatever the window speaks: for text copied for
 * support staff, who read English (as the support report is).
 */
export function inEnglish(id: string, args?: Args): string {
  return formatIn([bundleFor(ENGLISH)], id, args) ?? id;
}
