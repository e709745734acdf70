// The operator console: login, navigation and the four pages. Plain ES modules, no build step.
import { call, session, whenUnauthorized } from './api.js';
import { h, replace } from './dom.js';
import { takeNotice } from './ui.js';
import { orderPage } from './pages/orders.js';
import { attentionPage } from './pages/attention.js';
import { deadLettersPage } from './pages/dead-letters.js';
import { statusPage } from './pages/status.js';

const PAGES = {
  orders: orderPage,
  attention: attentionPage,
  'dead-letters': deadLettersPage,
  status: statusPage,
};
const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const notice = document.getElementById('notice');

function route() {
  const [path, query] = location.hash.replace(/^#\/?/, '').split('?');
  const [page, ...rest] = path.split('/');
  return { page: PAGES[page] ? page : 'orders', args: rest.map(decodeURIComponent),
    params: new URLSearchParams(query || '') };
}

let rendering = 0;
async function render() {
  delete main.dataset.loaded;
  const message = takeNotice();
  replace(notice, message ? h('p', {}, message) : null);
  if (!session.token) {
    showLogin();
    return;
  }
  if (!session.isAdmin) {
    showLogin('This account is not an admin: the console is for admins only (403).');
    session.token = null;
    return;
  }
  nav.hidden = false;
  replace(who, session.claims?.upn || session.claims?.email || 'admin',
    h('button', { class: 'small', type: 'button', onclick: logout }, 'Log out'));
  const { page, args, params } = route();
  for (const link of nav.querySelectorAll('a')) {
    if (link.dataset.page === page) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const ticket = ++rendering;
  const container = h('div', { 'data-page': page });
  replace(main, container);
  await PAGES[page](container, { args, params, isCurrent: () => ticket === rendering });
  if (ticket === rendering) main.dataset.loaded = page;
}

function showLogin(message) {
  nav.hidden = true;
  replace(who);
  delete main.dataset.loaded;
  const error = h('div', { id: 'login-error', role: 'alert' });
  if (message) replace(error, h('div', { class: 'error' }, message));
  const email = h('input', { id: 'email', name: 'email', type: 'email', autocomplete: 'username', required: true,
    value: 'admin@bazaar.local' });
  const password = h('input', { id: 'password', name: 'password', type: 'password', required: true,
    autocomplete: 'current-password' });
  const form = h('form', { class: 'card login', 'aria-labelledby': 'login-title' },
    h('h1', { id: 'login-title' }, 'Log in'),
    h('p', { class: 'muted' }, 'With the admin account. Customers are refused.'),
    h('label', { for: 'email' }, 'E-mail', email),
    h('label', { for: 'password' }, 'Password', password),
    h('div', { class: 'actions' }, h('button', { class: 'primary', type: 'submit' }, 'Log in')),
    error);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      const answer = await call('user', '/api/auth/login', { method: 'POST', token: null,
        body: { email: email.value, password: password.value } });
      session.token = answer.accessToken;
      if (!session.isAdmin) {
        session.token = null;
        replace(error, h('div', { class: 'error' },
          'This account is not an admin: the console is for admins only (403).'));
        return;
      }
      render();
    } catch (failed) {
      replace(error, h('div', { class: 'error' }, failed.status === 401
        ? 'Wrong e-mail or password.' : `user: ${failed.message}`));
    }
  });
  replace(main, form);
  main.dataset.loaded = 'login';
  (email.value ? password : email).focus();
}

function logout() {
  session.token = null;
  location.hash = '#/orders';
  render();
}

whenUnauthorized(() => {
  session.token = null;
  showLogin('The session expired: log in again.');
});

document.addEventListener('keydown', event => {
  if (event.altKey || event.ctrlKey || event.metaKey || !session.token) return;
  const typing = ['INPUT', 'SELECT', 'TEXTAREA'].includes(document.activeElement?.tagName);
  if (document.querySelector('dialog[open]')) return;
  if (typing) {
    // Escape leaves a field, so the page keys work again
    if (event.key === 'Escape') document.activeElement.blur();
    return;
  }
  const pages = { 1: 'orders', 2: 'attention', 3: 'dead-letters', 4: 'status' };
  if (pages[event.key]) {
    location.hash = `#/${pages[event.key]}`;
    event.preventDefault();
  } else if (event.key === '/') {
    const search = document.getElementById('search');
    if (search) { search.focus(); event.preventDefault(); }
  }
});

window.addEventListener('hashchange', () => { render(); main.focus(); });
render();
