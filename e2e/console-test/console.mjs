// Drives the operator console in headless Chromium (Debian's /usr/bin/chromium) for e2e ConsoleIT.
//
//   node console.mjs SCENARIO [ARG...]
//
// Each run logs in (or tries to), does one scenario, saves screenshots and prints one line of JSON with what it saw;
// ConsoleIT asserts on that. Settings come from the environment: CONSOLE_URL (the gateway's /console/),
// CONSOLE_EMAIL, CONSOLE_PASSWORD, SCREENSHOTS (directory), CHROMIUM (default /usr/bin/chromium).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const url = process.env.CONSOLE_URL;
const screenshots = process.env.SCREENSHOTS || 'screenshots';
const [scenario, ...args] = process.argv.slice(2);
const TIMEOUT = 30_000;

const scenarios = {
  /** Finds the order by id and by the customer's e-mail; reports the summary, timeline and participants. */
  async order(page, [orderId, email]) {
    await login(page);
    await search(page, orderId);
    await page.waitForSelector('#timeline tbody tr');
    await shot(page, 'order');
    const seen = await readOrder(page);
    await search(page, email);
    await page.waitForSelector('#customer-orders');
    seen.customerOrders = await page.$$eval('#customer-orders a.id', links => links.map(a => a.textContent));
    await shot(page, 'customer');
    return seen;
  },

  /** The stuck-and-failing page: unfinished sagas, rejections by kind, outbox per service. */
  async attention(page, [name]) {
    await login(page);
    await goTo(page, '2');
    await page.waitForSelector('main[data-loaded="attention"]');
    await shot(page, name || 'attention');
    return {
      outboxes: await page.$$eval('#outboxes tbody tr', rows => rows.map(r => ({
        service: r.dataset.service, cells: [...r.querySelectorAll('td')].map(td => td.textContent) }))),
      rejections: await page.$$eval('#rejections tbody tr', rows => rows.map(r => ({ kind: r.dataset.kind,
        orders: Number(r.querySelector('td.num').textContent), example: r.querySelector('td.example').textContent }))),
      rejectionsEmpty: await page.locator('#rejections p.empty').count() > 0,
      stuck: await page.$$eval('#stuck tbody tr', rows => rows.map(r => ({ id: r.dataset.orderId,
        status: r.children[1].textContent, deadline: r.children[4].textContent }))),
      stuckEmpty: await page.locator('#stuck p.empty').count() > 0,
      stuckText: await page.locator('#stuck').innerText(),
    };
  },

  /** Waits until a dead letter of the order is listed, then opens it. */
  async deadLetters(page, [orderId]) {
    await login(page);
    await goTo(page, '3');
    const row = await waitForDeadLetter(page, orderId);
    const listed = await row.evaluate(tr => ({
      service: tr.closest('[data-service]').dataset.service,
      queue: tr.closest('[data-queue]').dataset.queue,
      messageId: tr.dataset.messageId,
      type: tr.children[1].textContent,
      reason: tr.querySelector('.reason').textContent,
    }));
    await shot(page, 'dead-letters');
    await row.getByRole('link', { name: /Open dead letter/ }).click();
    await page.waitForSelector('#dead-letter-detail #dead-letter-body');
    await shot(page, 'dead-letter');
    return {
      listed,
      headers: await page.$$eval('#dead-letter-headers tr', rows => Object.fromEntries(rows.map(r =>
        [r.querySelector('th').textContent, r.querySelector('td').textContent]))),
      body: await page.locator('#dead-letter-body').innerText(),
    };
  },

  /** Replays the order's dead letter from the list, confirming with the keyboard, then follows the order. */
  async replay(page, [orderId]) {
    await login(page);
    await goTo(page, '3');
    const row = await waitForDeadLetter(page, orderId);
    await row.getByRole('button', { name: /^Replay/ }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.locator('dialog#confirm[open]');
    await dialog.waitFor();
    await shot(page, 'replay-confirm');
    await page.keyboard.press('Tab'); // from Cancel to the confirming button
    await page.keyboard.press('Enter');
    const notice = await page.locator('#notice p').innerText({ timeout: TIMEOUT });
    await page.waitForSelector('main[data-loaded="dead-letters"]');
    const stillListed = await page.locator(`tr[data-order-id="${orderId}"]`).count();
    await shot(page, 'dead-letters-after-replay');
    await search(page, orderId);
    const deadline = Date.now() + TIMEOUT;
    let seen;
    for (;;) {
      seen = await readOrder(page);
      if (['CONFIRMED', 'REJECTED'].includes(seen.status) || Date.now() > deadline) break;
      await page.waitForTimeout(1000);
      await search(page, orderId);
    }
    await shot(page, 'replayed-order');
    return { notice, stillListed, ...seen };
  },

  /** Discards the order's dead letter from the list, confirming with the keyboard; reports what the list shows then. */
  async discard(page, [orderId]) {
    await login(page);
    await goTo(page, '3');
    const row = await waitForDeadLetter(page, orderId);
    const messageId = await row.getAttribute('data-message-id');
    await row.getByRole('button', { name: /^Discard/ }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.locator('dialog#confirm[open]');
    await dialog.waitFor();
    const question = await dialog.innerText();
    await shot(page, 'discard-confirm');
    await page.keyboard.press('Tab'); // from Cancel to the confirming button
    await page.keyboard.press('Enter');
    const notice = await page.locator('#notice p').innerText({ timeout: TIMEOUT });
    await page.waitForSelector('main[data-loaded="dead-letters"]');
    await shot(page, 'dead-letters-after-discard');
    return { messageId, question, notice, stillListed: await page.locator(`tr[data-order-id="${orderId}"]`).count() };
  },

  /** Logs in with a customer's account. */
  async refused(page) {
    await login(page, false);
    const error = await page.locator('#login-error .error').innerText({ timeout: TIMEOUT });
    await shot(page, 'refused');
    return { error, navigationVisible: await page.locator('#nav').isVisible() };
  },

  /** The status page, and the order page of an order, as they are now. */
  async status(page, [name, orderId]) {
    await login(page);
    await goTo(page, '4');
    await page.waitForSelector('main[data-loaded="status"]');
    await shot(page, name || 'status');
    const services = await page.$$eval('#services [data-service]', cards => cards.map(card => ({
      service: card.dataset.service, status: card.dataset.status, text: card.innerText })));
    let order = null;
    if (orderId) {
      await search(page, orderId);
      await page.waitForSelector('#order-result #reservation');
      order = { reservation: await page.locator('#reservation').innerText(),
        hold: await page.locator('#credit-hold').innerText() };
      await shot(page, `${name || 'status'}-order`);
    }
    return { services, order };
  },
};

async function login(page, expectAdmin = true) {
  await page.goto(url);
  await page.waitForSelector('main[data-loaded="login"]');
  await page.fill('#email', process.env.CONSOLE_EMAIL);
  await page.fill('#password', process.env.CONSOLE_PASSWORD);
  await shot(page, 'login');
  await page.press('#password', 'Enter');
  if (expectAdmin) await page.waitForSelector('main[data-loaded="orders"]');
}

/** The page keys: Escape leaves the search field the orders page focuses, then 1-4 switch pages. */
async function goTo(page, key) {
  await page.keyboard.press('Escape');
  await page.keyboard.press(key);
}

async function search(page, query) {
  await page.evaluate(() => { window.location.hash = '#/orders'; });
  await page.waitForFunction(() => window.location.hash === '#/orders'
    && document.querySelector('main').dataset.loaded === 'orders');
  await page.keyboard.press('/'); // the shortcut to the search field
  await page.waitForFunction(() => document.activeElement?.id === 'search');
  await page.fill('#search', query);
  await page.keyboard.press('Enter');
  await page.waitForFunction(q => window.location.hash === `#/orders/${encodeURIComponent(q)}`
    && document.querySelector('main').dataset.loaded === 'orders', query);
}

async function readOrder(page) {
  const text = selector => page.locator(selector).first().innerText().catch(() => null);
  return {
    status: await text('#order-status'),
    total: await text('#order-total'),
    lines: await page.$$eval('#order-lines tbody tr', rows => rows.length),
    timeline: await page.$$eval('#timeline tbody tr', rows => rows.map(r => {
      const cells = [...r.children].map(td => td.textContent);
      return { step: r.dataset.step, kind: r.dataset.kind, time: cells[0], service: cells[2], messageType: cells[3],
        messageId: cells[4], deadline: cells[5] };
    })),
    reservation: await text('#reservation'),
    hold: await text('#credit-hold'),
    missing: await text('#order-missing'),
  };
}

async function waitForDeadLetter(page, orderId) {
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    await page.waitForSelector('main[data-loaded="dead-letters"]');
    const row = page.locator(`tr[data-order-id="${orderId}"]`).first();
    if (await row.count()) return row;
    if (Date.now() > deadline) throw new Error(`no dead letter of order ${orderId} listed`);
    await page.waitForTimeout(1000);
    await page.getByRole('button', { name: 'Refresh' }).click();
  }
}

async function shot(page, name) {
  await page.screenshot({ path: join(screenshots, `${scenario}-${name}.png`), fullPage: true });
}

mkdirSync(screenshots, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), 'bazaar-console-'));
// a fresh profile every run (playwright passes it as --user-data-dir)
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1366, height: 768 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
let exitCode = 0;
try {
  const page = browser.pages()[0] || await browser.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const consoleErrors = [];
  page.on('pageerror', error => consoleErrors.push(String(error)));
  if (!scenarios[scenario]) throw new Error(`unknown scenario ${scenario}`);
  const result = await scenarios[scenario](page, args);
  console.log(JSON.stringify({ ok: true, scenario, result, pageErrors: consoleErrors }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, scenario, error: String(error.stack || error) }));
  exitCode = 1;
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(exitCode);
