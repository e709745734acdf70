// 1. Where is order X? By order id or customer e-mail: state, lines, total, saga timeline, and the stock
// reservation and credit hold as catalog and user see them; dead letters that carry the order id.
import { admin, call, settle, SERVICES } from '../api.js';
import { badge, failure, h, replace, statusTone, time, UUID_PATTERN } from '../dom.js';

export async function orderPage(container, { args, params, isCurrent }) {
  const query = args[0] || params.get('q') || '';
  const search = h('input', { id: 'search', name: 'q', class: 'wide', value: query, autocomplete: 'off',
    placeholder: 'order id or customer e-mail', 'aria-describedby': 'search-hint' });
  const form = h('form', { class: 'inline', role: 'search' },
    h('label', { for: 'search' }, 'Find an order', search),
    h('button', { class: 'primary', type: 'submit' }, 'Find'),
    h('span', { id: 'search-hint', class: 'muted' }, 'Press / to search from anywhere'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const value = search.value.trim();
    if (value) location.hash = `#/orders/${encodeURIComponent(value)}`;
  });
  const result = h('div', { id: 'order-result' });
  replace(container, h('h1', {}, 'Where is an order?'), form, result);
  if (!query) {
    replace(result, h('p', { class: 'muted' }, 'Enter an order id (from a customer, a log line or a dead letter) '
      + 'or the customer\'s e-mail to list their orders.'));
    search.focus();
    return;
  }
  replace(result, h('p', { class: 'muted' }, 'Loading…'));
  if (UUID_PATTERN.test(query)) {
    await showOrder(result, query.toLowerCase(), isCurrent);
  } else if (query.includes('@')) {
    await showCustomer(result, query, isCurrent);
  } else {
    replace(result, h('div', { class: 'error', role: 'alert' },
      'Not an order id (a UUID) or an e-mail address: ', query));
  }
}

async function showCustomer(result, email, isCurrent) {
  let customer;
  try {
    customer = await admin('user', `customers?email=${encodeURIComponent(email)}`);
  } catch (error) {
    if (isCurrent()) replace(result, failure(error));
    return;
  }
  let page;
  try {
    page = await call('ordering', `/api/orders?customerId=${customer.id}&size=50`);
  } catch (error) {
    if (isCurrent()) replace(result, customerCard(customer), failure(error));
    return;
  }
  if (!isCurrent()) return;
  const rows = page.items.map(order => h('tr', {},
    h('td', {}, h('a', { class: 'id', href: `#/orders/${order.id}` }, order.id)),
    h('td', {}, badge(order.status, statusTone(order.status))),
    h('td', { class: 'num' }, order.total ?? '–'),
    h('td', {}, time(order.createdAt))));
  replace(result, customerCard(customer),
    h('h2', {}, `Orders (${page.total}, newest first)`),
    rows.length ? h('table', { id: 'customer-orders' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Order'), h('th', {}, 'State'), h('th', { class: 'num' }, 'Total'),
        h('th', {}, 'Placed'))), h('tbody', {}, rows))
      : h('p', { class: 'muted' }, 'No orders.'));
}

function customerCard(customer) {
  return h('div', { class: 'card' }, h('dl', { class: 'facts' },
    h('dt', {}, 'Customer'), h('dd', {}, customer.name, ' <', customer.email, '>'),
    h('dt', {}, 'Id'), h('dd', { class: 'id' }, customer.id),
    h('dt', {}, 'Signed up'), h('dd', {}, time(customer.createdAt))));
}

async function showOrder(result, orderId, isCurrent) {
  const [timeline, reservation, hold, ...deadLetters] = await settle([
    admin('ordering', `orders/${orderId}/timeline`),
    admin('catalog', `stock-reservations/${orderId}`),
    admin('user', `credit-holds/${orderId}`),
    ...SERVICES.map(service => admin(service, 'dead-letters?limit=200')),
  ]);
  if (!isCurrent()) return;
  const parts = [];
  if (timeline.error) {
    parts.push(timeline.error.status === 404
      ? h('div', { class: 'card', id: 'order-missing' }, h('strong', {}, 'ordering has no order ', orderId, '. '),
        'It may not have been checked out yet, or its checkout may be stuck: see the dead letters below.')
      : failure(timeline.error));
  } else {
    parts.push(orderSummary(timeline.value.order), timelineTable(timeline.value.timeline));
  }
  parts.push(h('div', { class: 'two' },
    participant('Stock reservation (catalog)', 'reservation', reservation, value => [
      ['Status', badge(value.status, statusTone(value.status))], ['Total', value.total],
      ['Reason', value.reason || '–'], ['Lines', value.lines.map(l => `${l.sku} × ${l.quantity} @ ${l.unitPrice}`)
        .join(', ') || '–'],
      ['Short', value.shortages.map(s => `${s.sku || s.productId}: wanted ${s.wanted}, had ${s.available}`)
        .join('; ') || '–'],
      ['Updated', time(value.updatedAt)]]),
    participant('Credit hold (user)', 'credit-hold', hold, value => [
      ['Status', badge(value.status, statusTone(value.status))], ['Amount', value.amount],
      ['Reason', value.reason || '–'], ['Customer', h('span', { class: 'id' }, value.customerId)],
      ['Updated', time(value.updatedAt)]])));
  parts.push(deadLettersOf(orderId, deadLetters));
  replace(result, ...parts);
}

function orderSummary(order) {
  return h('section', { class: 'card', id: 'order-summary', 'aria-labelledby': 'order-title' },
    h('h2', { id: 'order-title' }, 'Order ', h('span', { class: 'id' }, order.id), ' ',
      badge(order.status, statusTone(order.status))),
    h('dl', { class: 'facts' },
      h('dt', {}, 'State'), h('dd', { id: 'order-status' }, order.status),
      h('dt', {}, 'Total'), h('dd', { id: 'order-total' }, order.total ?? '– (not priced yet)'),
      order.rejectionReason ? [h('dt', {}, 'Rejected'), h('dd', {}, order.rejectionReason)] : null,
      h('dt', {}, 'Customer'), h('dd', { class: 'id' }, order.customerId),
      h('dt', {}, 'Placed'), h('dd', {}, time(order.createdAt)),
      h('dt', {}, 'Last change'), h('dd', {}, time(order.updatedAt))),
    h('h3', {}, 'Lines'),
    h('table', { id: 'order-lines' },
      h('thead', {}, h('tr', {}, h('th', {}, 'SKU'), h('th', {}, 'Product'), h('th', { class: 'num' }, 'Quantity'),
        h('th', { class: 'num' }, 'Unit price'))),
      h('tbody', {}, order.lines.map(line => h('tr', {},
        h('td', {}, line.sku || '–'), h('td', { class: 'id' }, line.productId),
        h('td', { class: 'num' }, line.quantity), h('td', { class: 'num' }, line.unitPrice ?? '–'))))));
}

function timelineTable(entries) {
  const deadline = entry => {
    if (entry.deadlineMet === true) return badge('met', 'ok');
    if (entry.deadlineMet === false) return badge('missed', 'bad');
    return entry.deadline ? badge('waiting', 'warn') : '';
  };
  return h('section', { 'aria-labelledby': 'timeline-title' },
    h('h2', { id: 'timeline-title' }, 'Saga timeline'),
    h('table', { id: 'timeline', class: 'timeline' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Time'), h('th', {}, 'Step'), h('th', {}, 'Service'),
        h('th', {}, 'Message type'), h('th', {}, 'Message id'), h('th', {}, 'Deadline'), h('th', {}, 'Detail'))),
      h('tbody', {}, entries.map(entry => h('tr', { 'data-step': entry.step, 'data-kind': entry.kind },
        h('td', { class: 'when mono' }, time(entry.at)),
        h('td', {}, entry.step),
        h('td', {}, entry.service),
        h('td', { class: 'mono' }, entry.messageType || ''),
        h('td', { class: 'id' }, entry.messageId || ''),
        h('td', { title: entry.deadline ? `due ${time(entry.deadline)}` : '' }, deadline(entry)),
        h('td', {}, entry.detail || ''))))));
}

function participant(title, id, result, facts) {
  const body = result.error
    ? (result.error.status === 404 ? h('p', { class: 'muted' }, 'Nothing recorded for this order.')
      : failure(result.error))
    : h('dl', { class: 'facts' }, facts(result.value).map(([name, value]) => [h('dt', {}, name), h('dd', {}, value)]));
  return h('section', { class: 'card', id, 'aria-label': title }, h('h3', {}, title), body);
}

function deadLettersOf(orderId, results) {
  const rows = [];
  const failures = [];
  results.forEach((result, i) => {
    if (result.error) { failures.push(failure(result.error)); return; }
    for (const queue of result.value) {
      for (const message of queue.messages) {
        if (message.correlationId === orderId || message.payloadExcerpt?.includes(orderId)) {
          rows.push(h('tr', {},
            h('td', {}, SERVICES[i]), h('td', { class: 'mono' }, queue.queue), h('td', { class: 'mono' }, message.type),
            h('td', {}, message.reason),
            h('td', {}, h('a', { href: `#/dead-letters/${SERVICES[i]}/${encodeURIComponent(queue.queue)}/`
              + `${encodeURIComponent(message.messageId)}` }, 'Open'))));
        }
      }
    }
  });
  return h('section', { id: 'order-dead-letters', 'aria-labelledby': 'odl-title' },
    h('h2', { id: 'odl-title' }, 'Dead letters of this order'),
    failures,
    rows.length ? h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Service'), h('th', {}, 'Queue'),
      h('th', {}, 'Type'), h('th', {}, 'Reason'), h('th', {}, ''))), h('tbody', {}, rows))
      : h('p', { class: 'muted' }, 'None.'));
}
