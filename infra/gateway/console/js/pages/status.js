// 4. Is everything up? Each service's readiness, database and broker, through the gateway.
import { admin, settle, SERVICES } from '../api.js';
import { badge, h, replace, seconds, statusTone } from '../dom.js';

export async function statusPage(container, { isCurrent }) {
  const refresh = h('button', { type: 'button', onclick: () => statusPage(container, { isCurrent }) }, 'Refresh');
  const cards = h('div', { class: 'grid', id: 'services' }, h('p', { class: 'muted' }, 'Loading…'));
  replace(container, h('h1', {}, 'Is everything up?'), h('div', { class: 'actions' }, refresh), cards);
  const results = await settle(SERVICES.map(service => admin(service, 'status')));
  if (!isCurrent()) return;
  replace(cards, results.map((result, i) => card(SERVICES[i], result)));
}

function card(service, result) {
  if (result.error) {
    const down = result.error.unreachable;
    return h('section', { class: 'card', 'data-service': service, 'data-status': down ? 'DOWN' : 'UNKNOWN',
      'aria-label': service },
    h('h2', {}, service, ' ', badge(down ? 'DOWN' : 'UNKNOWN', 'bad')),
    h('p', { class: 'error', role: 'alert' }, h('strong', {}, `${service} `),
      down ? 'is down: the gateway cannot reach it' : result.error.message),
    h('p', { class: 'muted' }, down ? 'Its database and broker status are unknown while it is down.' : ''));
  }
  const status = result.value;
  return h('section', { class: 'card', 'data-service': service, 'data-status': status.status, 'aria-label': service },
    h('h2', {}, service, ' ', badge(status.status === 'UP' ? 'UP' : 'NOT READY', statusTone(status.status))),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Database'), h('dd', { 'data-part': 'database' }, badge(status.database, statusTone(status.database))),
      h('dt', {}, 'Broker'), h('dd', { 'data-part': 'broker' }, badge(status.broker, statusTone(status.broker))),
      h('dt', {}, 'Outbox'), h('dd', {}, status.outbox
        ? `${status.outbox.backlog} waiting, oldest ${seconds(status.outbox.oldestAgeSeconds)}`
        : `unknown: ${status.outboxError}`)),
    h('details', {}, h('summary', {}, 'Readiness checks'),
      h('ul', {}, status.checks.map(check => h('li', {}, badge(check.status, statusTone(check.status)), ' ',
        check.name, Object.keys(check.data || {}).length ? h('pre', {}, JSON.stringify(check.data, null, 2))
          : '')))));
}
