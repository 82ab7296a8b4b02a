// Copying text for support, through the system clipboard (the app writes it,
// so it works after an awaited command too, when WebKit no longer counts the
// click as a user gesture). Returns whether it worked, so the caller can show
// the text for manual copying when the system refuses.

import { writeClipboard } from './api';

export async function copyText(text: string): Promise<boolean> {
  try {
    await writeClipboard(text);
    return true;
  } catch {
    return false;
  }
}
