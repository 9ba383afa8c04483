// The operator console in a real headless Chromium, against a running registry on PostgreSQL.
// The fleet is built through the registry's API as agents and operators build it (enrolment,
// snapshots, a hook push, a pin); the one ban row is written as a proxy's abuse guard writes it.
// Then the browser logs in, finds the stale server, decides a contest, lifts a ban (and a running
// proxy's auth_http lets that client in again), looks up a route, and checks that values holding
// markup stay text and that nothing works without a token.
// One screenshot per page goes to $OUT. Exits 1 when a check fails.
import {chromium} from 'playwright-core';
import {execFileSync} from 'node:child_process';
import http from 'node:http';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

const R = process.env.REGISTRY;
const ADMIN = process.env.ADMIN_TOKEN;
const OUT = process.env.OUT;
const PSQL = process.env.PSQL.split(' ');
const XSS = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">';

const results = [];
async function check(name, fn) {
  const start = Date.now();
  try {
    const detail = await fn();
    results.push([true, name]);
    console.log(`PASS  ${name}${detail ? '  ' + detail : ''}  (${Date.now() - start} ms)`);
  } catch (e) {
    results.push([false, name]);
    console.log(`FAIL  ${name}: ${e.stack || e}`);
  }
}

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

async function api(method, path, token, body) {
  const headers = {};
  if (token) headers.Authorization = 'Bearer ' + token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const r = await fetch(R + path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
  const text = await r.text();
  return {status: r.status, json: text ? JSON.parse(text) : null, headers: r.headers};
}

async function ok(method, path, token, body) {
  const r = await api(method, path, token, body);
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.json)}`);
  return r.json;
}

function sql(q) {
  return execFileSync(PSQL[0], [...PSQL.slice(1), '-v', 'ON_ERROR_STOP=1', '-qAtc', q], {encoding: 'utf8'}).trim();
}

/** The proxy's answer to nginx's auth_http request for an IMAP login from clientIp: its Auth-* headers. */
function authHttp(login, clientIp) {
  return new Promise((resolve, reject) => {
    const req = http.get(process.env.AUTH_HTTP, {headers: {'Auth-Method': 'plain', 'Auth-User': login, 'Auth-Pass': 'pw',
      'Auth-Protocol': 'imap', 'Auth-Login-Attempt': '1', 'Client-IP': clientIp, 'Auth-SSL': 'on'}}, r => {
      r.resume();
      r.on('end', () => resolve({status: r.headers['auth-status'], server: r.headers['auth-server']}));
    });
    req.on('error', reject);
    req.setTimeout(10000, () => req.destroy(new Error('auth_http timed out')));
  });
}

/** Asks auth_http until want(answer) holds, for up to ms; the last answer. */
async function authUntil(login, clientIp, want, ms) {
  const end = Date.now() + ms;
  let a;
  do {
    a = await authHttp(login, clientIp);
    if (want(a)) return a;
    await new Promise(r => setTimeout(r, 100));
  } while (Date.now() < end);
  throw new Error(`auth_http for ${login} from ${clientIp}: ${JSON.stringify(a)}`);
}

const agent = (lastError = null) => ({version: '0.2.0', lastWhmRead: new Date().toISOString(), spoolDepth: 0, lastError});
const account = (username, ...domains) => ({username, primaryDomain: domains[0], owner: 'root', suspended: false,
  domains: domains.map((name, i) => ({name, kind: i === 0 ? 'main' : 'addon'}))});

async function seed() {
  const tokens = {};
  for (const [name, address] of [['s001.hoster.test', '10.20.0.1'], ['s002.hoster.test', '10.20.0.2'],
    ['s003.hoster.test', '10.20.0.3']]) {
    tokens[name] = (await ok('POST', '/v1/servers?reason=console+e2e', ADMIN, {name, address})).token;
  }
  // s001 and s002 send full snapshots (s002 reports an agent error holding markup); both hold mover.example,
  // s001 first: s002's claim waits as a contest.
  await ok('PUT', '/v1/servers/s001.hoster.test/snapshot', tokens['s001.hoster.test'], {
    accounts: [account('alice', 'alice.example', 'alice-shop.example'), account('mover', 'mover.example')], agent: agent()});
  await ok('PUT', '/v1/servers/s002.hoster.test/snapshot', tokens['s002.hoster.test'], {
    accounts: [account('mover', 'mover.example'), account('carol', 'carol.example')], agent: agent(XSS)});
  // s003 only ever pushed one account from a hook: never a full snapshot, so it is stale although it pushed.
  await ok('PUT', '/v1/servers/s003.hoster.test/accounts/dave', tokens['s003.hoster.test'], {
    account: account('dave', 'dave.example'), agent: null});
  await ok('PUT', '/v1/pins/alice-shop.example', ADMIN, {server: 's001.hoster.test', reason: 'pinned: ' + XSS});
  // Bans as a proxy node writes and announces them (the abuse guard; no API writes bans).
  sql(`WITH b AS (INSERT INTO ban (kind, key, reason, failures, attempts, created_at, expires_at, created_by) VALUES
    ('ip', '192.0.2.7', 'distinct-passwords', 6, 11, now(), now() + interval '1 hour', 'proxy1.hoster.test'),
    ('account', 'victim@alice.example', 'account-failures', 12, 40, now(), now() + interval '2 hours', 'proxy2.hoster.test')
    RETURNING id) SELECT pg_notify('cphub_bans', string_agg(id::text, ',')) FROM b`);
  return tokens;
}

async function main() {
  const tokens = await seed();
  const profile = mkdtempSync(join(process.env.WORK || tmpdir(), 'chromium-profile-'));
  // A fresh profile (--user-data-dir, which Playwright passes for a persistent context) per run.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    ignoreHTTPSErrors: true, // the run's throw-away certificate
    viewport: {width: 1280, height: 760},
  });
  const page = context.pages()[0] || await context.newPage();
  const problems = [];
  page.on('console', m => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', e => problems.push(String(e)));
  const shot = name => page.screenshot({path: join(OUT, name + '.png'), fullPage: true});
  const view = () => page.locator('#view');
  const go = async name => {
    await page.click(`#nav a[href="#${name}"]`);
    await page.waitForSelector(`#view [data-page="${name}"]`);
  };
  const statusText = async () => (await page.textContent('#status')).trim();

  try {
    await check('the shell loads without a token, with a strict policy; data calls are refused', async () => {
      const resp = await page.goto(R + '/console/');
      const h = resp.headers();
      assert(resp.status() === 200, 'status ' + resp.status());
      assert(h['content-security-policy'].includes("default-src 'self'") && !h['content-security-policy'].includes('unsafe'),
        'CSP ' + h['content-security-policy']);
      assert(h['x-content-type-options'] === 'nosniff' && h['x-frame-options'] === 'DENY', 'headers ' + JSON.stringify(h));
      await page.waitForSelector('#login-form');
      assert(await page.isHidden('#app'), 'the app shows before login');
      const statuses = await page.evaluate(async () => Promise.all(['/v1/servers', '/v1/bans', '/v1/changes', '/v1/audit']
        .map(p => fetch(p).then(r => r.status))));
      assert(statuses.every(s => s === 401), 'without a token: ' + statuses);
      await shot('login');
      return 'data calls without a token: ' + statuses.join(',');
    });

    await check('a wrong token is refused and not kept', async () => {
      await page.fill('#token', 'not-the-token');
      await page.click('#login-form button');
      await page.waitForFunction(() => document.getElementById('login-error').textContent.includes('refused'));
      assert(await page.isHidden('#app'), 'app visible with a wrong token');
      assert(await page.evaluate(() => sessionStorage.length) === 0, 'the wrong token stayed in storage');
    });

    await check('a server token is not an operator token', async () => {
      await page.fill('#token', tokens['s001.hoster.test']);
      await page.click('#login-form button');
      await page.waitForFunction(() => document.getElementById('login-error').textContent.includes('server token'));
      assert(await page.isHidden('#app'), 'app visible with a server token');
    });

    await check('log in; the stale server comes first', async () => {
      await page.fill('#token', ADMIN);
      await page.click('#login-form button');
      await page.waitForSelector('#view [data-page="servers"] table');
      const rows = await page.$$eval('#view tbody tr', trs => trs.map(t => [t.dataset.server, t.classList.contains('stale')]));
      assert(rows[0][0] === 's003.hoster.test' && rows[0][1], 'first row ' + JSON.stringify(rows));
      assert(rows.filter(r => r[1]).length === 1, 'stale rows ' + JSON.stringify(rows));
      const s3 = await page.textContent('#view tr[data-server="s003.hoster.test"]');
      assert(s3.includes('stale') && s3.includes('never'), 's003 row: ' + s3);
      assert(await page.evaluate(() => document.cookie) === '', 'a cookie was set');
      assert(await page.evaluate(() => sessionStorage.getItem('cphub.console.token')) === ADMIN, 'token not in session storage');
      await shot('servers');
      return rows.map(r => r[0] + (r[1] ? ' (stale)' : '')).join(', ');
    });

    await check('an agent error holding markup stays text', async () => {
      const text = await page.textContent('#view tr[data-server="s002.hoster.test"]');
      assert(text.includes(XSS), 'markup not shown as text: ' + text);
      assert(await page.$$eval('#view script, #view img', e => e.length) === 0, 'markup became elements');
      assert(await page.evaluate(() => window.__pwned) === undefined, 'injected script ran');
    });

    await check('decide a contest', async () => {
      await go('contests');
      const row = page.locator('#view tr[data-contest="mover.example"]');
      assert(await row.count() === 1, 'no contest row for mover.example');
      await shot('contests');
      await row.locator('select[name="server"]').selectOption('s002.hoster.test');
      await row.locator('input[name="reason"]').fill('customer moved to s002 <b>today</b>');
      await row.locator('button').click();
      await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('decided'));
      const msg = await statusText();
      assert(msg.includes('mover.example') && msg.includes('s002.hoster.test') && msg.includes('1 route change'), msg);
      assert(await page.locator('#view tr[data-contest="mover.example"]').count() === 0, 'contest still listed');
      const route = await ok('GET', '/v1/routes/mover.example', ADMIN);
      assert(route.server === 's002.hoster.test', 'route ' + JSON.stringify(route));
      return msg;
    });

    await check('conflicts list the decided name with its new winner', async () => {
      await go('conflicts');
      const text = await page.textContent('#view tr[data-conflict="mover.example"]');
      assert(text.includes('s002.hoster.test'), text);
      await shot('conflicts');
    });

    await check('a pin reason holding markup stays text', async () => {
      await go('pins');
      const text = await page.textContent('#view tr[data-pin="alice-shop.example"]');
      assert(text.includes('pinned: ' + XSS), text);
      assert(await page.$$eval('#view script, #view img', e => e.length) === 0, 'markup became elements');
      assert(await page.evaluate(() => window.__pwned) === undefined, 'injected script ran');
      await shot('pins');
    });

    await check('lift a ban: every proxy is told, and it is audited', async () => {
      await go('bans');
      const row = page.locator('#view tr[data-ban="ip 192.0.2.7"]');
      assert(await row.count() === 1, 'no ban row');
      assert(await page.locator('#view tr[data-ban="account victim@alice.example"]').count() === 1, 'account ban missing');
      await shot('bans');
      const banned = await authUntil('info@alice.example', '192.0.2.7', a => a.status !== 'OK', 15000);
      const other = await authHttp('info@alice.example', '198.51.100.1');
      assert(other.status === 'OK' && other.server === '10.20.0.1', 'an unbanned client: ' + JSON.stringify(other));
      await row.locator('input[name="reason"]').fill('customer called');
      const lifted = Date.now();
      await row.locator('button').click();
      await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('lifted'));
      assert(await page.locator('#view tr[data-ban="ip 192.0.2.7"]').count() === 0, 'lifted ban still listed');
      const stored = sql("SELECT lifted_by, lifted_at IS NOT NULL FROM ban WHERE kind = 'ip' AND key = '192.0.2.7'");
      assert(stored === 'admin|t', 'ban row: ' + stored);
      await page.click('#view a[href="#bans?all=true"]');
      await page.waitForFunction(() => document.querySelector('#view tr[data-ban="ip 192.0.2.7"]'));
      const text = await page.textContent('#view tr[data-ban="ip 192.0.2.7"]');
      assert(text.includes('lifted') && text.includes('admin'), text);
      const after = await authUntil('info@alice.example', '192.0.2.7', a => a.status === 'OK', 3000);
      assert(after.server === '10.20.0.1', 'after the lift: ' + JSON.stringify(after));
      return `proxy answered "${banned.status}" while banned, OK ${Date.now() - lifted} ms after the click (at most)`;
    });

    await check('look up a route', async () => {
      await go('route');
      await page.fill('#route-form input', 'Info@Alice.Example');
      await page.click('#route-form button');
      await page.waitForSelector('#route-result .route-server');
      const server = await page.textContent('#route-result .route-server');
      const text = await page.textContent('#route-result');
      assert(server === 's001.hoster.test' && text.includes('10.20.0.1'), text);
      await shot('route');
      await page.fill('#route-form input', 'someone+mover.example');
      await page.click('#route-form button');
      await page.waitForFunction(() => document.querySelector('#route-result .route-server')?.textContent === 's002.hoster.test');
      await page.fill('#route-form input', 'nobody@nowhere.example');
      await page.click('#route-form button');
      await page.waitForFunction(() => document.getElementById('route-result').textContent.includes('no route'));
      await page.fill('#route-form input', '<script>x</script>');
      await page.click('#route-form button');
      await page.waitForFunction(() => document.querySelector('#route-result .error'));
      assert(await page.$$eval('#view script', e => e.length) === 0, 'markup became elements');
      return 'Info@Alice.Example -> ' + server;
    });

    await check('recent changes show the decision', async () => {
      await go('changes');
      const first = await page.textContent('#view tbody tr');
      assert(first.includes('mover.example') && first.includes('s002.hoster.test'), 'newest change: ' + first);
      await shot('changes');
    });

    await check('the audit log holds the console\'s actions', async () => {
      await go('audit');
      const actions = await page.$$eval('#view tbody tr', trs => trs.map(t => t.dataset.audit));
      assert(actions[0] === 'ban.lift' && actions[1] === 'contest.decide', 'newest actions ' + actions.slice(0, 4));
      const text = await page.textContent('#view tbody');
      assert(text.includes('customer moved to s002 <b>today</b>') && text.includes('customer called'), 'reasons missing');
      assert(await page.$$eval('#view b, #view script', e => e.length) === 0, 'markup became elements');
      await shot('audit');
      return actions.slice(0, 4).join(', ');
    });

    await check('log out forgets the token; nothing shows without one', async () => {
      await page.click('#logout');
      await page.waitForSelector('#login-form');
      assert(await page.evaluate(() => sessionStorage.length) === 0, 'token kept after logout');
      await page.goto(R + '/console/#servers');
      await page.waitForSelector('#login-form');
      assert(await page.isHidden('#app'), 'app visible after logout');
      const fresh = await context.newPage();
      await fresh.goto(R + '/console/#bans');
      await fresh.waitForSelector('#login-form');
      assert(await fresh.isHidden('#app'), 'a new tab got in without a token');
      await fresh.close();
    });

    await check('no script or policy errors in the browser', async () => {
      // The refusals the checks provoke (no token, wrong token, no route, a login that is not one) are logged as
      // failed loads; anything else (a Content-Security-Policy violation, a script error) fails.
      const expected = /^Failed to load resource: the server responded with a status of (400|401|403|404) /;
      const unexpected = problems.filter(p => !expected.test(p));
      assert(unexpected.length === 0, unexpected.join('\n'));
      return problems.length + ' expected refusals logged, nothing else';
    });
  } finally {
    await context.close();
    rmSync(profile, {recursive: true, force: true});
  }
  const failed = results.filter(r => !r[0]);
  console.log(`\n${results.length - failed.length} passed, ${failed.length} failed; screenshots in ${OUT}`);
  process.exit(failed.length ? 1 : 0);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
