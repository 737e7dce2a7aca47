// The desk's static file server under hostile requests. Requests go out on raw sockets,
// byte for byte as written here (fetch would tidy `..`, `%` and `\` away before sending).
// Then 2,000 requests, good and bad mixed; then the page in Chromium under the server's CSP;
// then the command line. Nothing waits on a clock: every step waits for an answer or an exit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, existsSync } from 'node:fs';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { serve } from '../serve.mjs';

const CHROMIUM = process.env.KEFU_CHROMIUM ?? '/usr/bin/chromium';
const SERVE = new URL('../serve.mjs', import.meta.url).pathname;
const WASM = readFileSync(new URL('../../bindings/wasm/pkg/web/kefu_wasm_bg.wasm', import.meta.url));
const SECURITY = {
  'content-security-policy': /^default-src 'self'; script-src 'self' 'wasm-unsafe-eval';.*object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'$/,
  'x-content-type-options': /^nosniff$/,
  'x-frame-options': /^DENY$/,
  'referrer-policy': /^no-referrer$/,
  'cross-origin-opener-policy': /^same-origin$/,
};
// Text from files that must never go out: package.json, the server, the tests, Cargo.toml, node_modules.
const SECRETS = ['"devDependencies"', 'createServer', 'node:test', '[package]', '"name"', 'playwright'];

let server, port, host;
before(async () => {
  server = await serve({ port: 0 });
  port = Number(new URL(server.url).port);
  host = `127.0.0.1:${port}`;
});
after(() => server?.close());

/** One request on its own connection, exactly as given; resolves to the parsed answer. */
function raw(text) {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks = [];
    socket.on('data', (d) => chunks.push(d));
    const done = () => {
      const all = Buffer.concat(chunks);
      const end = all.indexOf('\r\n\r\n');
      if (end < 0) return reject(new Error(`no answer to ${JSON.stringify(text.slice(0, 80))}: ${JSON.stringify(all.toString())}`));
      const [status, ...lines] = all.subarray(0, end).toString('latin1').split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(status.split(' ')[1]), headers, body: all.subarray(end + 4) });
    };
    // The server closes after answering (Connection: close); an answer followed by a reset
    // still counts if it arrived whole before it.
    socket.on('error', () => {});
    socket.on('close', done);
    // Not a wait: a guard against a server that never answers (the old one, after `/%`, didn't).
    socket.setTimeout(20_000, () => socket.destroy());
    socket.write(text); // not end(): a half-closed client may be dropped before it is answered
  });
}

/** A request line and headers; `Host` is this server's unless given. */
const get = (path, { method = 'GET', host: h = host, headers = '', body = '' } = {}) =>
  raw(`${method} ${path} HTTP/1.1\r\n${h === null ? '' : `Host: ${h}\r\n`}Connection: close\r\n${headers}${body ? `Content-Length: ${body.length}\r\n` : ''}\r\n${body}`);

function secured(res, what) {
  for (const [name, value] of Object.entries(SECURITY)) assert.match(res.headers[name] ?? '', value, `${what}: ${name}`);
}

/** Answered `status`, with the security headers, and nothing of any file in the body. */
async function refused(status, request, what) {
  const res = await request;
  assert.equal(res.status, status, `${what}: status`);
  secured(res, what);
  assert.ok(res.body.length < 64, `${what}: a ${res.body.length}-byte body`);
  for (const s of SECRETS) assert.ok(!res.body.includes(s), `${what}: the body holds ${s}`);
  assert.ok(!res.body.includes('<!doctype'), `${what}: the body is the page`);
  return res;
}

async function stillServing() {
  const res = await get('/');
  assert.equal(res.status, 200, 'the server still serves /');
  secured(res, 'GET /');
  assert.match(res.body.toString(), /^<!doctype html>/);
}

test('malformed percent escapes are 400, and the server keeps serving', async () => {
  for (const path of ['/%', '/%E0%A4%A', '/%ZZ', '/pkg/%', '/%C0%AF']) {
    await refused(400, get(path), path);
    await stillServing();
  }
});

test('encoded .., NUL and backslashes name no file: 404', async () => {
  for (const path of ['/%2e%2e/package.json', '/..%2f..%2fCargo.toml', '/pkg/%2e%2e/%2e%2e/Cargo.toml', '/pkg/..%2f..%2f..%2f..%2fCargo.toml',
    '/index.html%00.js', '/index.html%00', '/..\\..\\Cargo.toml', '/%5c..%5cCargo.toml', '/pkg/..\\..\\..\\..\\Cargo.toml',
    '/../../Cargo.toml', '/pkg/../../../../Cargo.toml', '/%2e%2e%2f%2e%2e%2fCargo.toml', '//etc/passwd', '/%2fetc%2fpasswd']) {
    await refused(404, get(path), path);
  }
  await refused(400, get('http://evil.example/'), 'an absolute URL, as to a proxy');
  await stillServing();
});

test('only the page and its wasm are served; the rest of web-demo/ is 404', async () => {
  for (const path of ['/node_modules/playwright-core/package.json', '/tests/desk.test.mjs', '/tests/serve.test.mjs', '/serve.mjs', '/package.json',
    '/package-lock.json', '/screenshots/', '/tests/', '/pkg/', '/pkg/package.json', '/pkg/kefu_wasm.d.ts', '/pkg/kefu_wasm_bg.wasm.d.ts', '/Index.html']) {
    await refused(404, get(path), path);
  }
  const types = { '/': 'text/html', '/index.html': 'text/html', '/app.js': 'text/javascript', '/i18n.js': 'text/javascript',
    '/style.css': 'text/css', '/pkg/kefu_wasm.js': 'text/javascript', '/pkg/kefu_wasm_bg.wasm': 'application/wasm', '/?lang=en': 'text/html' };
  for (const [path, type] of Object.entries(types)) {
    const res = await get(path);
    assert.equal(res.status, 200, path);
    assert.ok(res.headers['content-type'].startsWith(type), `${path}: ${res.headers['content-type']}`);
    secured(res, path);
  }
});

test('only GET and HEAD: other methods are 405 with Allow, HEAD has no body', async () => {
  for (const method of ['POST', 'DELETE', 'OPTIONS', 'PUT', 'PATCH', 'TRACE']) {
    const res = await refused(405, get('/', { method, body: method === 'POST' || method === 'PUT' ? 'a=1' : '' }), method);
    assert.equal(res.headers.allow, 'GET, HEAD', `${method}: Allow`);
  }
  await refused(405, get('*', { method: 'OPTIONS' }), 'OPTIONS *');
  const head = await get('/pkg/kefu_wasm_bg.wasm', { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(Number(head.headers['content-length']), WASM.length, 'HEAD tells the length');
  assert.equal(head.body.length, 0, 'HEAD sends no body');
  const headMissing = await get('/serve.mjs', { method: 'HEAD' });
  assert.equal(headMissing.status, 404);
  assert.equal(headMissing.body.length, 0, 'HEAD of a refusal sends no body either');
});

test('a foreign Host is refused with 421 (DNS rebinding); the bound names are served', async () => {
  for (const h of ['evil.example', `evil.example:${port}`, '127.0.0.1', `127.0.0.1:${port + 1 > 65535 ? 1 : port + 1}`, `127.0.0.1.evil.example:${port}`, `localhost.:${port}`]) {
    await refused(421, get('/', { host: h }), `Host: ${h}`);
    await refused(421, get('/pkg/kefu_wasm_bg.wasm', { host: h }), `Host: ${h}`);
  }
  await refused(421, raw('GET / HTTP/1.0\r\n\r\n'), 'HTTP/1.0 without a Host');
  for (const h of [`127.0.0.1:${port}`, `localhost:${port}`, `LocalHost:${port}`, `[::1]:${port}`]) {
    assert.equal((await get('/', { host: h })).status, 200, `Host: ${h}`);
  }
});

test('long URLs: 414 up to node\'s 16 KB header limit, 431 beyond; the server keeps serving', async () => {
  await refused(414, get(`/${'a'.repeat(4_000)}`), '4 KB URL');
  await refused(431, get(`/${'a'.repeat(100_000)}`), '100 KB URL');
  await refused(431, get('/', { headers: `X-Big: ${'b'.repeat(100_000)}\r\n` }), '100 KB header');
  await stillServing();
});

test('the wasm goes out gzip- or br-compressed as accepted, with Vary: Accept-Encoding', async () => {
  const gz = await get('/pkg/kefu_wasm_bg.wasm', { headers: 'Accept-Encoding: gzip, deflate\r\n' });
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.equal(gz.headers.vary, 'Accept-Encoding');
  assert.equal(Number(gz.headers['content-length']), gz.body.length);
  assert.ok(gz.body.length < WASM.length * 0.6, `gzip: ${gz.body.length} of ${WASM.length} bytes`);
  assert.ok(gunzipSync(gz.body).equals(WASM), 'gzip unpacks to the wasm');
  const again = await get('/pkg/kefu_wasm_bg.wasm', { headers: 'Accept-Encoding: gzip\r\n' });
  assert.ok(again.body.equals(gz.body), 'the same bytes the second time');
  const br = await get('/pkg/kefu_wasm_bg.wasm', { headers: 'Accept-Encoding: gzip;q=0.5, br\r\n' });
  assert.equal(br.headers['content-encoding'], 'br');
  assert.ok(brotliDecompressSync(br.body).equals(WASM), 'br unpacks to the wasm');
  const refusedBr = await get('/pkg/kefu_wasm_bg.wasm', { headers: 'Accept-Encoding: br;q=0, gzip\r\n' });
  assert.equal(refusedBr.headers['content-encoding'], 'gzip', 'q=0 refuses br');
  for (const ae of ['', 'Accept-Encoding: identity\r\n', 'Accept-Encoding: gzip;q=0\r\n']) {
    const plain = await get('/pkg/kefu_wasm_bg.wasm', { headers: ae });
    assert.equal(plain.headers['content-encoding'], undefined, `${JSON.stringify(ae)}: not encoded`);
    assert.equal(plain.headers.vary, 'Accept-Encoding');
    assert.ok(plain.body.equals(WASM), `${JSON.stringify(ae)}: the wasm as built`);
  }
  const page = await get('/', { headers: 'Accept-Encoding: gzip\r\n' });
  assert.match(gunzipSync(page.body).toString(), /^<!doctype html>/, 'the page is compressed too');
});

test('2,000 requests, 50 at a time, good and hostile mixed: every one answered', async () => {
  const mix = [
    [200, () => get('/')], [400, () => get('/%')], [200, () => get('/pkg/kefu_wasm.js', { headers: 'Accept-Encoding: gzip\r\n' })],
    [404, () => get('/%2e%2e/package.json')], [405, () => get('/', { method: 'POST', body: 'x' })], [421, () => get('/', { host: 'evil.example' })],
    [404, () => get('/index.html%00.js')], [400, () => get('/%E0%A4%A')], [200, () => get('/pkg/kefu_wasm_bg.wasm', { method: 'HEAD' })],
    [404, () => get('/..\\..\\Cargo.toml')], [414, () => get(`/${'a'.repeat(3_000)}`)], [404, () => get('/node_modules/playwright-core/package.json')],
  ];
  let answered = 0;
  for (let batch = 0; batch < 40; batch++) {
    await Promise.all(Array.from({ length: 50 }, async (_, i) => {
      const [status, request] = mix[(batch * 50 + i) % mix.length];
      assert.equal((await request()).status, status);
      answered++;
    }));
  }
  assert.equal(answered, 2000);
  await stillServing();
});

test('the page works in Chromium under the CSP: no console error, no violation, the wasm compressed', async (t) => {
  assert.ok(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--lang=zh-CN', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  t.after(() => browser.close());
  const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request: ${r.url()} ${r.failure()?.errorText}`));
  await page.exposeFunction('kefuViolation', (v) => problems.push(`CSP: ${v}`));
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation',
    (e) => window.kefuViolation(`${e.violatedDirective} ${e.blockedURI}`)));
  const sent = new Map(); // path → { status, headers, asked: the request's Accept-Encoding }
  page.on('response', async (r) => sent.set(new URL(r.url()).pathname,
    { status: r.status(), headers: await r.allHeaders(), asked: (await r.request().allHeaders())['accept-encoding'] }));

  const doc = await page.goto(server.url);
  await page.waitForSelector('html[data-ready]'); // kefu's wasm is loaded and the desk drawn
  assert.match((await doc.allHeaders())['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'/);
  for (const path of ['/', '/app.js', '/i18n.js', '/style.css', '/pkg/kefu_wasm.js']) assert.equal(sent.get(path)?.status, 200, path);
  const wasm = sent.get('/pkg/kefu_wasm_bg.wasm');
  assert.equal(wasm?.status, 200, 'the wasm was fetched');
  t.diagnostic(`Chromium asked for ${JSON.stringify(wasm.asked)}: the wasm went out ${wasm.headers['content-encoding']}, ${wasm.headers['content-length']} bytes`);
  // Chromium offers br on localhost (and cannot be made to drop it from here), so it gets br;
  // a client offering gzip alone gets gzip (the raw-socket test above).
  assert.equal(wasm.headers['content-encoding'], /\bbr\b/.test(wasm.asked) ? 'br' : 'gzip', 'the wasm went out compressed');
  assert.equal(wasm.headers.vary, 'Accept-Encoding');

  // An order flag is coloured through the CSSOM now that the CSP refuses inline style="".
  await page.click('[data-tab=orders]');
  await page.check('#order-form [data-path="/order/paid"]');
  await page.click('#flag-button');
  const pole = page.locator('#flag-result .flag .pole').first();
  await pole.waitFor();
  assert.notEqual(await pole.evaluate((e) => getComputedStyle(e).backgroundColor), 'rgba(0, 0, 0, 0)', 'the flag has its colour');
  assert.deepEqual(problems, []);
});

/** Run serve.mjs with `args`; resolves to its exit code and output. */
async function cli(args) {
  const child = spawn(process.execPath, [SERVE, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '', stderr = '';
  child.stdout.on('data', (d) => { stdout += d; });
  child.stderr.on('data', (d) => { stderr += d; });
  const [code] = await once(child, 'close');
  return { code, stdout, stderr };
}

test('a bad command line is one line of usage on stderr and exit 2, no stack trace', async () => {
  for (const args of [['--port', 'abc'], ['--port=abc'], ['--port', '70000'], ['--port', '-1'], ['--port', '1.5'], ['--port'], ['--bogus'], ['8080']]) {
    const { code, stdout, stderr } = await cli(args);
    assert.equal(code, 2, `${args.join(' ')}: exit code`);
    assert.equal(stdout, '', `${args.join(' ')}: stdout`);
    assert.equal(stderr.trimEnd().split('\n').length, 1, `${args.join(' ')}: one line, got ${JSON.stringify(stderr)}`);
    assert.match(stderr, /usage: /, `${args.join(' ')}: says how to use it`);
    assert.doesNotMatch(stderr, /\n\s+at |Error \[|node:internal/, `${args.join(' ')}: a stack trace`);
  }
  const help = await cli(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^usage: .*--port N/);
});

test('--port=N starts the server and says where', async () => {
  const child = spawn(process.execPath, [SERVE, '--port=0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(child, 'exit');
  let out = '';
  for await (const chunk of child.stdout) {
    out += chunk;
    if (out.includes('\n')) break;
  }
  const url = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
  assert.ok(url && Number(url[1]) > 0, `it names its address: ${JSON.stringify(out)}`);
  assert.notEqual(url[1], '8080', '--port=0 was read (a free port is never 8080: the ephemeral range starts far above)');
  const res = await fetch(url[0]); // a well-formed request: fetch is fine here
  assert.equal(res.status, 200);
  child.kill();
  await exited;
});
