// 2. What is stuck or failing? Sagas not finished after a threshold or past their deadline, rejections of the last
// hour counted by the kind of their reason (with the latest one in full), and each service's outbox backlog with its
// oldest row's age.
import { admin, settle, SERVICES } from '../api.js';
import { badge, failure, h, replace, seconds, time } from '../dom.js';

const THRESHOLDS = [['PT10S', '10 s'], ['PT30S', '30 s'], ['PT1M', '1 min'], ['PT5M', '5 min'], ['PT1H', '1 h']];

export async function attentionPage(container, { params, isCurrent }) {
  const threshold = THRESHOLDS.some(([value]) => value === params.get('olderThan')) ? params.get('olderThan')
    : 'PT1M';
  const select = h('select', { id: 'threshold', name: 'olderThan' },
    THRESHOLDS.map(([value, label]) => h('option', { value, selected: value === threshold }, label)));
  select.addEventListener('change', () => { location.hash = `#/attention?olderThan=${select.value}`; });
  const refresh = h('button', { type: 'button', onclick: () => attentionPage(container, { params, isCurrent }) },
    'Refresh');
  const stuck = h('section', { id: 'stuck', 'aria-labelledby': 'stuck-title' }, h('p', { class: 'muted' }, 'Loading…'));
  const rejections = h('section', { id: 'rejections', 'aria-labelledby': 'rejections-title' });
  const outboxes = h('section', { id: 'outboxes', 'aria-labelledby': 'outbox-title' });
  replace(container, h('h1', {}, 'What is stuck or failing?'),
    h('form', { class: 'inline' }, h('label', { for: 'threshold' }, 'Sagas unfinished after', select), refresh),
    stuck, h('div', { class: 'two' }, rejections, outboxes));

  const [waiting, rejected, ...statuses] = await settle([
    admin('ordering', `orders/stuck?olderThan=${threshold}&limit=200`),
    admin('ordering', 'orders/rejections?window=PT1H'),
    ...SERVICES.map(service => admin(service, 'status')),
  ]);
  if (!isCurrent()) return;

  replace(stuck, h('h2', { id: 'stuck-title' }, 'Unfinished sagas'),
    waiting.error ? failure(waiting.error) : waiting.value.orders.length === 0
      ? h('p', { class: 'muted empty' }, 'None: every saga finished within the threshold.')
      : h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Order'), h('th', {}, 'State'), h('th', {}, 'Placed'),
        h('th', { class: 'num' }, 'Age'), h('th', {}, 'Deadline'))),
      h('tbody', {}, waiting.value.orders.map(order => h('tr', { 'data-order-id': order.id },
        h('td', {}, h('a', { class: 'id', href: `#/orders/${order.id}` }, order.id)),
        h('td', {}, order.status), h('td', {}, time(order.createdAt)),
        h('td', { class: 'num' }, seconds(order.ageSeconds)),
        h('td', {}, time(order.deadline), ' ', order.overdue ? badge('overdue', 'bad') : ''))))));

  replace(rejections, h('h2', { id: 'rejections-title' }, 'Rejections in the last hour'),
    rejected.error ? failure(rejected.error) : rejected.value.reasons.length === 0
      ? h('p', { class: 'muted empty' }, 'No order was rejected.')
      : h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Reason'), h('th', { class: 'num' }, 'Orders'),
        h('th', {}, 'Latest example'))),
      h('tbody', {}, rejected.value.reasons.map(r => h('tr', { 'data-kind': r.kind },
        h('td', { class: 'kind' }, r.kind), h('td', { class: 'num' }, r.orders),
        h('td', { class: 'example' }, r.example, ' ', h('span', { class: 'muted' }, time(r.latest)))))),
      h('tfoot', {}, h('tr', {}, h('th', {}, 'Total'), h('th', { class: 'num' }, rejected.value.total), h('td')))));

  replace(outboxes, h('h2', { id: 'outbox-title' }, 'Outbox backlog'),
    h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Service'), h('th', { class: 'num' }, 'Waiting rows'),
      h('th', { class: 'num' }, 'Oldest row'))),
    h('tbody', {}, statuses.map((status, i) => h('tr', { 'data-service': SERVICES[i] },
      h('th', {}, SERVICES[i]),
      status.error ? h('td', { colspan: 2 }, failure(status.error))
        : status.value.outbox ? [h('td', { class: 'num' }, status.value.outbox.backlog),
          h('td', { class: 'num' }, seconds(status.value.outbox.oldestAgeSeconds))]
          : h('td', { colspan: 2 }, failure({ service: SERVICES[i],
            message: `outbox unknown: ${status.value.outboxError}` })))))),
    h('p', { class: 'muted' }, 'Waiting rows: committed more than a second ago and not yet published.'));
}
