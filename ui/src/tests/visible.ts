// What a person sees: the text of an element without the contents of closed
// <details> blocks (their <summary> stays visible).

export function visibleText(root: Element): string {
  const clone = root.cloneNode(true) as Element;
  for (const details of Array.from(clone.querySelectorAll('details:not([open])'))) {
    for (const child of Array.from(details.childNodes)) {
      if (!(child instanceof Element && child.tagName === 'SUMMARY')) child.remove();
    }
  }
  return clone.textContent ?? '';
}
