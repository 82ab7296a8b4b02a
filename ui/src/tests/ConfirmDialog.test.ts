import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import ConfirmDialog from '../lib/components/ConfirmDialog.svelte';

/** A button outside the dialog, where focus may wander (Shift+Tab in WebKitGTK). */
function outsideButton(): HTMLButtonElement {
  const button = document.createElement('button');
  button.textContent = 'Behind the dialog';
  document.body.prepend(button);
  return button;
}

describe('ConfirmDialog', () => {
  it('brings focus that leaves back inside, wrapping the way it went', async () => {
    const outside = outsideButton();
    render(ConfirmDialog, { title: 'Free it?', confirmLabel: 'Free', onconfirm: vi.fn(), oncancel: vi.fn() });
    const cancel = screen.getByTestId('cancel-button');
    const confirm = screen.getByTestId('confirm-button');
    await waitFor(() => expect(document.activeElement).toBe(cancel));

    // Backwards off the first button: to the last.
    outside.focus();
    expect(document.activeElement).toBe(confirm);
    // Forwards off the last: to the first.
    outside.focus();
    expect(document.activeElement).toBe(cancel);
    outside.remove();
  });

  it('gives the focus back to what opened it when it closes', async () => {
    const opener = outsideButton();
    opener.focus();
    const { unmount } = render(ConfirmDialog, { title: 'Free it?', confirmLabel: 'Free', onconfirm: vi.fn(), oncancel: vi.fn() });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('cancel-button')));
    unmount();
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });
});
