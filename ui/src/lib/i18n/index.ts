// The window's words in the user's language (Project Fluent): `t()` for a
// message, `inEnglish()` for one copied for support staff, `lang()` for the
// language (and the locale of dates), `slot()` with `<Rich>` for elements
// inside a message.

export { applyLanguage, inEnglish, lang, readWords, t } from './language.svelte';
export { pieces, slot } from './slots';
