// Drives the hooks inspector in Debian's headless Chromium. Run by
// tests/it/browser.rs, which starts `hooks listen` and a target app and
// passes their addresses in the environment. Exits non-zero on failure.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import assert from 'node:assert/strict';
import path from 'node:path';

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set (this script is run by tests/it/browser.rs)`);
  return v;
};
const MODE = process.env.MODE || 'live';
const INSPECTOR = env('INSPECTOR_URL');
// The URL hooks printed, with the run's token; the page keeps it in a cookie.
const OPEN = env('INSPECTOR_OPEN');
const TOKEN = env('INSPECTOR_TOKEN');
const LISTEN = MODE === 'live' ? env('LISTEN_URL') : '';
const HOOKS = env('HOOKS_BIN');
const ARTIFACTS = env('ARTIFACTS');
const USER_DATA_DIR = env('USER_DATA_DIR');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const WAIT = { timeout: 20000 };

const step = (s) => console.log(`step: ${s}`);
const sendTest = (...extra) => execFileSync(HOOKS, ['send-test', 'contact.created', '--to', LISTEN + '/', ...extra], { stdio: 'pipe' });

const context = await chromium.launchPersistentContext(USER_DATA_DIR, {
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1400, height: 860 },
  timeout: 60000,
});
try {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: INSPECTOR });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  page.on('console', (m) => { if (m.type() === 'error') problems.push('console error: ' + m.text()); });
  if (MODE === 'many') await many(page);
  else await live(page);
  assert.deepEqual(problems, []);
} finally {
  await context.close();
}

// hooks listen with an app behind it: live updates, detail, replay, safety.
async function live(page) {
  const rows = page.locator('#rows tr');

  step('open the page and wait for the live stream');
  await page.goto(OPEN);
  await page.waitForSelector('#live.on', WAIT);
  assert.equal(await rows.count(), 0);

  step('a delivery sent with hooks send-test appears without reload');
  sendTest();
  await rows.first().waitFor(WAIT);
  await page.waitForFunction(() => document.querySelector('#rows tr')?.textContent.includes('200'), null, WAIT);
  const first = await rows.first().textContent();
  assert.match(first, /contact\.created/);
  assert.match(first, /workestra/);
  assert.match(first, /✓/);
  assert.equal(await page.locator('#total').textContent(), '1 recorded');
  assert.equal(await page.locator('#more').isVisible(), false);
  await page.screenshot({ path: path.join(ARTIFACTS, 'inspector-list.png') });

  step('its detail view shows the body and the verification result');
  await rows.first().click();
  await page.waitForSelector('#verification', WAIT);
  assert.match(await page.locator('#verification').textContent(), /valid \(workestra\)/);
  const body = await page.locator('#detail pre.body').first().textContent();
  assert.match(body, /"type": "contact\.created"/);
  assert.ok(await page.locator('#detail .j-key').count() > 3, 'the JSON is highlighted');
  assert.match(await page.locator('#detail').textContent(), /Forward attempts[\s\S]*200/);
  await page.screenshot({ path: path.join(ARTIFACTS, 'inspector-detail.png') });

  step('Copy as curl');
  await page.click('#copy-curl');
  const curl = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(curl, /^printf '.*' \| curl --globoff -X 'POST' 'http:\/\/127\.0\.0\.1:\d+\/' -H .* --data-binary @-$/);

  step('Replay makes a new delivery, linked to the original');
  await page.click('#replay');
  await page.waitForFunction(() => document.querySelectorAll('#rows tr').length === 2, null, WAIT);
  assert.match(await rows.first().textContent(), /replay of #1/);
  await page.waitForFunction(() => document.querySelector('#detail h2')?.textContent.startsWith('#2'), null, WAIT);
  await page.waitForSelector('#detail .attempt', WAIT);
  assert.match(await page.locator('#detail .sub').textContent(), /replay of #1/);

  step('Replay with edits: edit the body, re-sign, send');
  await rows.nth(1).click();
  await page.waitForFunction(() => document.querySelector('#detail h2')?.textContent.startsWith('#1'), null, WAIT);
  await page.click('#replay-edit');
  const edited = (await page.inputValue('#edit-body')).replace('"Priya"', '"Edited"');
  await page.fill('#edit-body', edited);
  await page.click('#edit-send');
  await page.waitForFunction(() => document.querySelectorAll('#rows tr').length === 3, null, WAIT);
  await page.waitForFunction(() => document.querySelector('#detail h2')?.textContent.startsWith('#3'), null, WAIT);
  assert.match(await page.locator('#verification').textContent(), /valid/);
  assert.match(await page.locator('#detail pre.body').first().textContent(), /"Edited"/);

  step('a body with <script> is shown as text, not run');
  const evil = '<script>window.__pwned=1</script><img src=x onerror=window.__pwned=2>';
  sendTest('--set', `data.first_name=${evil}`);
  await page.waitForFunction(() => document.querySelectorAll('#rows tr').length === 4, null, WAIT);
  await rows.first().click();
  await page.waitForFunction(() => document.querySelector('#detail h2')?.textContent.startsWith('#4'), null, WAIT);
  await page.click('#detail .tabs button:text("Raw")');
  const raw = await page.locator('#detail pre.raw').textContent();
  assert.ok(raw.includes(evil), 'the markup is shown as text');
  assert.equal(await page.locator('#detail script, #detail img, #rows img').count(), 0);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'nothing from the body ran');
  await page.screenshot({ path: path.join(ARTIFACTS, 'inspector-script-body.png') });

  step('a foreign Origin cannot replay');
  const token = await page.locator('meta[name="hooks-token"]').getAttribute('content');
  const foreign = await fetch(`${INSPECTOR}/api/deliveries/1/replay`, {
    method: 'POST',
    headers: { Origin: 'http://evil.example', 'X-Hooks-Token': token },
  });
  assert.equal(foreign.status, 403);
  // And from a real page on another origin, with and without the token.
  const other = await context.newPage();
  await other.route('http://evil.example/**', (route) => route.fulfill({
    contentType: 'text/html',
    body: `<script>
      const url = ${JSON.stringify(INSPECTOR)} + '/api/deliveries/1/replay';
      Promise.allSettled([
        fetch(url, { method: 'POST', mode: 'no-cors', body: '{}' }),
        fetch(url, { method: 'POST', headers: { 'X-Hooks-Token': ${JSON.stringify(token)} } }),
      ]).then(() => { window.__done = true; });
    </script>`,
  }));
  await other.goto('http://evil.example/');
  await other.waitForFunction(() => window.__done === true, null, WAIT);
  await other.close();
  const list = await (await fetch(`${INSPECTOR}/api/deliveries?token=${TOKEN}`)).json();
  assert.equal(list.total, 4, 'no replay came from the foreign page');

  step('a body that starts with @ and a bearer token: masked on screen, the copied command sends the bytes');
  const sent = await fetch(LISTEN + '/', {
    method: 'POST',
    headers: { Authorization: 'Bearer tok_browser_secret', 'Content-Type': 'text/plain' },
    body: '@/etc/hostname',
  });
  assert.equal(sent.status, 200);
  await page.waitForFunction(() => document.querySelectorAll('#rows tr').length === 5, null, WAIT);
  await rows.first().click();
  await page.waitForFunction(() => document.querySelector('#detail h2')?.textContent.startsWith('#5'), null, WAIT);
  const shown = await page.locator('#detail').textContent();
  assert.ok(shown.includes('Bearer ********'), 'the token is masked');
  assert.ok(!shown.includes('tok_browser_secret'), 'the token is not on screen');
  await page.click('#copy-curl');
  const masked = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(!masked.includes('tok_browser_secret') && !masked.includes("--data-binary '@") && masked.endsWith('--data-binary @-'), masked);
  await page.check('#show-secrets');
  await page.waitForFunction(() => document.querySelector('#detail').textContent.includes('tok_browser_secret'), null, WAIT);
  await page.click('#copy-curl');
  const real = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(/'authorization: Bearer tok_browser_secret'/i.test(real) && real.endsWith('--data-binary @-'), real);
  execFileSync('sh', ['-c', real], { stdio: 'pipe' });
  await page.waitForFunction(() => document.querySelectorAll('#rows tr').length === 6, null, WAIT);

  console.log(JSON.stringify({ ok: true, deliveries: 6 }));
}

// hooks inspect over 10,000 recorded deliveries: the page holds one page of
// rows, loads more on scroll, and filters on the server.
async function many(page) {
  const rows = page.locator('#rows tr');
  step('open the page over 10,000 deliveries');
  let started = Date.now();
  await page.goto(OPEN);
  await page.waitForSelector('#live.on', WAIT);
  await page.waitForFunction(() => document.querySelectorAll('#rows tr').length === 50, null, WAIT);
  const firstPageMs = Date.now() - started;
  assert.equal(await page.locator('#total').textContent(), '10000 recorded');

  step('a binary body opens in the hex view');
  await rows.first().click();
  await page.waitForSelector('#detail pre.hex', WAIT);
  assert.match(await page.locator('#detail pre.hex').textContent(), /^00000000  00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f  \|\.{16}\|/);
  await page.screenshot({ path: path.join(ARTIFACTS, 'inspector-hex.png') });

  step('scrolling to the end loads the next page');
  await page.locator('#more').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelectorAll('#rows tr').length === 100, null, WAIT);

  step('filters and body search');
  started = Date.now();
  await page.fill('#f-event', 'deal.*');
  await page.waitForFunction(() => {
    const r = [...document.querySelectorAll('#rows tr')];
    return r.length === 50 && r.every((tr) => tr.textContent.includes('deal.won'));
  }, null, WAIT);
  const filterMs = Date.now() - started;
  await page.fill('#f-event', '');
  await page.selectOption('#f-verification', 'invalid');
  await page.waitForFunction(() => {
    const r = [...document.querySelectorAll('#rows tr')];
    return r.length === 50 && r.every((tr) => tr.textContent.includes('✗') && tr.textContent.includes('401'));
  }, null, WAIT);
  await page.selectOption('#f-verification', '');
  started = Date.now();
  await page.fill('#f-q', '"n":1235}');
  await page.waitForFunction(() => document.querySelectorAll('#rows tr').length === 1, null, WAIT);
  const searchMs = Date.now() - started;
  assert.match(await rows.first().textContent(), /contact\.created/);
  console.log(JSON.stringify({ ok: true, first_page_ms: firstPageMs, filter_ms: filterMs, search_ms: searchMs }));
}
