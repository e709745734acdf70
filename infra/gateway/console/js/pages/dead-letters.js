// 3. What is dead-lettered? Per service and queue: reason, type, order id, time. Open one for its headers and body;
// replay it (after its cause is fixed) or discard it, each after a confirmation.
import { admin, settle, SERVICES } from '../api.js';
import { announce, confirmAction, show } from '../ui.js';
import { failure, h, replace, time } from '../dom.js';

export async function deadLettersPage(container, { args, isCurrent }) {
  const [openService, openQueue, openId] = args;
  const refresh = h('button', { type: 'button', onclick: () => deadLettersPage(container, { args, isCurrent }) },
    'Refresh');
  const detail = h('section', { id: 'dead-letter', 'aria-live': 'polite' });
  const lists = h('div', { id: 'dead-letter-lists' }, h('p', { class: 'muted' }, 'Loading…'));
  replace(container, h('h1', {}, 'What is dead-lettered?'), h('div', { class: 'actions' }, refresh), detail, lists);

  const results = await settle(SERVICES.map(service => admin(service, 'dead-letters?limit=200')));
  if (!isCurrent()) return;
  replace(lists, results.map((result, i) => serviceSection(SERVICES[i], result)));
  if (openService && openQueue && openId) {
    await openDeadLetter(detail, openService, openQueue, openId, isCurrent);
  }
}

function serviceSection(service, result) {
  const title = h('h2', { id: `dl-${service}` }, service);
  if (result.error) {
    return h('section', { 'data-service': service, 'aria-labelledby': `dl-${service}` }, title, failure(result.error));
  }
  return h('section', { 'data-service': service, 'aria-labelledby': `dl-${service}` }, title,
    result.value.map(queue => h('div', { class: 'card', 'data-queue': queue.queue },
      h('h3', {}, h('span', { class: 'mono' }, queue.queue), ' ',
        h('span', { class: 'muted' }, `${queue.depth} in ${queue.deadLetterQueue}`)),
      queue.messages.length === 0 ? h('p', { class: 'muted' }, 'Empty.') : h('table', {},
        h('thead', {}, h('tr', {}, h('th', {}, 'Dead-lettered'), h('th', {}, 'Type'), h('th', {}, 'Order'),
          h('th', {}, 'Reason'), h('th', { class: 'num' }, 'Times'), h('th', {}, 'Actions'))),
        h('tbody', {}, queue.messages.map(message => row(service, queue.queue, message)))))));
}

function row(service, queue, message) {
  const link = `#/dead-letters/${service}/${encodeURIComponent(queue)}/${encodeURIComponent(message.messageId)}`;
  return h('tr', { 'data-message-id': message.messageId, 'data-order-id': message.correlationId || '' },
    h('td', { class: 'mono' }, time(message.firstSeen)),
    h('td', { class: 'mono' }, message.type || '–'),
    h('td', {}, message.correlationId
      ? h('a', { class: 'id', href: `#/orders/${encodeURIComponent(message.correlationId)}` }, message.correlationId)
      : '–'),
    h('td', { class: 'reason' }, message.reason),
    h('td', { class: 'num' }, message.count),
    h('td', {}, h('div', { class: 'actions' },
      h('a', { href: link, 'aria-label': `Open dead letter ${message.messageId}` }, 'Open'),
      actionButton('Replay', service, queue, message), actionButton('Discard', service, queue, message))));
}

function actionButton(label, service, queue, message) {
  const replay = label === 'Replay';
  return h('button', { type: 'button', class: replay ? 'small primary' : 'small danger',
    'aria-label': `${label} dead letter ${message.messageId}`,
    onclick: async event => {
      const ok = await confirmAction(`${label} this dead letter?`,
        replay ? `${message.type || 'The message'} ${message.messageId} goes back to ${queue} and is handled again `
          + 'by ' + service + '. Replay only after its cause is fixed; a message already applied has no second effect.'
          : `${message.type || 'The message'} ${message.messageId} is removed from ${queue}.dlq for good.`,
        label);
      if (!ok) return;
      event.target.disabled = true;
      const path = replay ? `dead-letters/${encodeURIComponent(queue)}/replay/${encodeURIComponent(message.messageId)}`
        : `dead-letters/${encodeURIComponent(queue)}/${encodeURIComponent(message.messageId)}`;
      try {
        const answer = await admin(service, path, { method: replay ? 'POST' : 'DELETE' });
        show('#/dead-letters', replay ? `Replayed ${answer.replayed} copy(ies) of ${message.messageId} to ${queue}`
          + (message.correlationId ? ` (order ${message.correlationId}).` : '.')
          : `Discarded ${answer.discarded} copy(ies) of ${message.messageId}.`);
      } catch (error) {
        event.target.disabled = false;
        announce(`${service}: ${label.toLowerCase()} failed: ${error.message}`);
      }
    } }, label);
}

async function openDeadLetter(detail, service, queue, messageId, isCurrent) {
  let message;
  try {
    message = await admin(service, `dead-letters/${encodeURIComponent(queue)}/${encodeURIComponent(messageId)}`);
  } catch (error) {
    if (isCurrent()) replace(detail, failure(error));
    return;
  }
  if (!isCurrent()) return;
  let body = message.body;
  try { body = JSON.stringify(JSON.parse(message.body), null, 2); } catch { /* not JSON: shown as it is */ }
  replace(detail, h('div', { class: 'card', id: 'dead-letter-detail' },
    h('h2', {}, 'Dead letter ', h('span', { class: 'id' }, message.messageId)),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Service'), h('dd', {}, service),
      h('dt', {}, 'Queue'), h('dd', { class: 'mono' }, `${message.queue} (parked in ${message.deadLetterQueue})`),
      h('dt', {}, 'Type'), h('dd', { class: 'mono' }, message.type || '–'),
      h('dt', {}, 'Order'), h('dd', {}, message.correlationId
        ? h('a', { class: 'id', href: `#/orders/${encodeURIComponent(message.correlationId)}` }, message.correlationId)
        : '–'),
      h('dt', {}, 'Reason'), h('dd', {}, message.reason),
      h('dt', {}, 'Dead-lettered'), h('dd', {}, time(message.deadLetteredAt))),
    h('div', { class: 'actions' },
      actionButton('Replay', service, message.queue, message),
      actionButton('Discard', service, message.queue, message),
      h('a', { href: '#/dead-letters' }, 'Close')),
    h('h3', {}, 'Headers'),
    h('table', { id: 'dead-letter-headers' }, h('tbody', {}, Object.entries(message.headers).map(([name, value]) =>
      h('tr', {}, h('th', { class: 'mono' }, name), h('td', { class: 'mono' },
        typeof value === 'string' ? value : JSON.stringify(value)))))),
    h('h3', {}, 'Body'),
    h('pre', { id: 'dead-letter-body' }, body)));
  detail.querySelector('h2').setAttribute('tabindex', '-1');
  detail.querySelector('h2').focus();
}
