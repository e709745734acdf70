// A tiny DOM builder: every text goes in through textContent, never as HTML.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      element.className = value;
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** A local date and time to the millisecond: 2026-01-01 10:00:00.123 */
export function time(value) {
  if (!value) return '–';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} `
    + `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

export function seconds(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (value < 1) return `${Math.round(value * 1000)} ms`;
  if (value < 120) return `${value.toFixed(1)} s`;
  if (value < 7200) return `${Math.round(value / 60)} min`;
  return `${(value / 3600).toFixed(1)} h`;
}

export function badge(text, tone) {
  return h('span', { class: `badge ${tone || ''}` }, text);
}

export function statusTone(status) {
  if (['UP', 'CONFIRMED', 'COMMITTED', 'CAPTURED', 'RESERVED', 'HELD'].includes(status)) return 'ok';
  if (['DOWN', 'REJECTED', 'UNREACHABLE'].includes(status)) return 'bad';
  return 'warn';
}

/** A panel that says which service failed and why, instead of an empty space. */
export function failure(error) {
  return h('div', { class: 'error', role: 'alert', 'data-service': error.service || '' },
    h('strong', {}, error.service ? `${error.service}: ` : ''), error.message);
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
