// What every page may use around its own content: a notice that screen readers announce, a move to another page with
// a message above it, and the confirmation dialog. app.js renders the pages; the pages use these instead of app.js.
import { h, replace } from './dom.js';

let pendingNotice = null;

/** Shows a short message that screen readers announce; cleared by the next page. */
export function announce(text) {
  replace(document.getElementById('notice'), h('p', {}, text));
}

/** Goes to `hash` (rendering it again if it is the current page) and shows `message` above it. */
export function show(hash, message) {
  pendingNotice = message;
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}

/** The message `show` left for the page being rendered, once. */
export function takeNotice() {
  const message = pendingNotice;
  pendingNotice = null;
  return message;
}

/** A modal confirmation (the native dialog: focus stays inside, Escape cancels). Resolves true on OK. */
export function confirmAction(title, text, okLabel) {
  const dialog = document.getElementById('confirm');
  document.getElementById('confirm-title').textContent = title;
  document.getElementById('confirm-text').textContent = text;
  document.getElementById('confirm-ok').textContent = okLabel;
  return new Promise(resolve => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
    dialog.returnValue = 'cancel';
    dialog.showModal();
    document.getElementById('confirm-cancel').focus();
  });
}
