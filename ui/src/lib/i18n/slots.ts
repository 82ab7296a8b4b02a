// Elements inside a message, such as a link or a `<code>` in a sentence: the
// message gets `slot('name')` as a variable, and `<Rich>` renders the
// formatted text with the element where that variable landed, so the
// translation decides where it goes.

const OPEN = '\uE000';
const CLOSE = '\uE001';
const SLOT = new RegExp(`${OPEN}([\\w-]+)${CLOSE}`);

/** The stand-in for element `name` (private-use characters no message holds). */
export function slot(name: string): string {
  return `${OPEN}${name}${CLOSE}`;
}

/** A piece of formatted text: text as is, or where element `slot` goes. */
export type Piece = { text: string } | { slot: string };

/** `text` cut at its slots, in order. */
export function pieces(text: string): Piece[] {
  // `split` with a capturing group alternates text and slot names.
  return text
    .split(SLOT)
    .map((part, i): Piece => (i % 2 === 1 ? { slot: part } : { text: part }))
    .filter((piece) => !('text' in piece) || piece.text !== '');
}
