// The Fluent bundles the window's words come from, one per language: the
// window's own words (`locales/<lang>/ui.ftl`) and the core's shared ones
// (`core.ftl`: the language's name, spans of time, the lease), compiled in.

import { FluentBundle, FluentResource, type FluentVariable } from '@fluent/bundle';

/** Every ui.ftl and core.ftl, by path (`../../../../locales/en/ui.ftl`). */
const SOURCES = import.meta.glob<string>('../../../../locales/*/{ui,core}.ftl', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** The FTL text of `lang`'s `file` (`ui` or `core`); empty when the language lacks it. */
export function source(lang: string, file: 'ui' | 'core'): string {
  return SOURCES[`../../../../locales/${lang}/${file}.ftl`] ?? '';
}

/**
 * A bundle of `lang`'s ui.ftl and core.ftl. No isolation marks around
 * values (they would show in copied text); `transform`, if given, rewrites
 * every piece of text the files hold (not the values put in).
 */
export function makeBundle(lang: string, transform?: (text: string) => string): FluentBundle {
  const bundle = new FluentBundle(lang, { useIsolating: false, transform });
  for (const file of ['ui', 'core'] as const) bundle.addResource(new FluentResource(source(lang, file)));
  return bundle;
}

const bundles = new Map<string, FluentBundle>();

/** The bundle of `lang`, made once. */
export function bundleFor(lang: string): FluentBundle {
  let bundle = bundles.get(lang);
  if (!bundle) {
    bundle = makeBundle(lang);
    bundles.set(lang, bundle);
  }
  return bundle;
}

/** The values of a message's `{ $variables }`: numbers choose plural forms. */
export type Args = Record<string, FluentVariable>;

/**
 * Message `id` (`id.attr`: one of its attributes) with `args`, from the first
 * of `bundles` that has it; `null` when none does.
 */
export function formatIn(bundles: FluentBundle[], id: string, args?: Args): string | null {
  const [name, attribute] = id.split('.', 2);
  for (const bundle of bundles) {
    const message = bundle.getMessage(name);
    const pattern = attribute === undefined ? message?.value : message?.attributes[attribute];
    // Errors (a variable not given) leave `{$name}` in the text, as Fluent does; they don't throw.
    if (pattern) return bundle.formatPattern(pattern, args, []);
  }
  return null;
}
