// Serves the after-sales desk on 127.0.0.1: the page from web-demo/, the wasm package from
// bindings/wasm/pkg/web/ at /pkg/. Static files only; every rule runs in the browser.
//   node web-demo/serve.mjs [--port N | --port=N] [--help]      (port 0 picks a free one)
// Hardened because anything on this machine (and any web page it visits) can talk to it:
// a fixed list of files, GET/HEAD only, the Host checked, no request can stop the server.
import { createServer, STATUS_CODES } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { gzip, brotliCompress, constants as zlib } from 'node:zlib';

const here = fileURLToPath(new URL('.', import.meta.url));
const pkg = join(here, '..', 'bindings', 'wasm', 'pkg', 'web');
const JS = 'text/javascript; charset=utf-8';
// The only paths served (URL path → file, type): what index.html and app.js load, nothing
// else. A lookup in a fixed table cannot be walked out of by `..`, %2e%2e, %2f, %00 or `\`:
// those just name no entry. Of the wasm package only the glue and the wasm are served; its
// .d.ts files and package.json are for bundlers and editors, the page never asks for them.
const FILES = new Map([
  ['/', [join(here, 'index.html'), 'text/html; charset=utf-8']],
  ['/index.html', [join(here, 'index.html'), 'text/html; charset=utf-8']],
  ['/app.js', [join(here, 'app.js'), JS]],
  ['/i18n.js', [join(here, 'i18n.js'), JS]],
  ['/style.css', [join(here, 'style.css'), 'text/css; charset=utf-8']],
  ['/pkg/kefu_wasm.js', [join(pkg, 'kefu_wasm.js'), JS]],
  ['/pkg/kefu_wasm_bg.wasm', [join(pkg, 'kefu_wasm_bg.wasm'), 'application/wasm']],
  // The what-if module, loaded on the first comparison only (issue 20).
  ['/pkg/whatif/kefu_wasm.js', [join(pkg, 'whatif', 'kefu_wasm.js'), JS]],
  ['/pkg/whatif/kefu_wasm_bg.wasm', [join(pkg, 'whatif', 'kefu_wasm_bg.wasm'), 'application/wasm']],
]);
const MAX_URL = 2048; // real ones are under 40 characters; node itself stops at 16 KB of headers (431)
// On every answer. The page loads only its own files; 'wasm-unsafe-eval' lets it compile
// kefu's wasm (and nothing else); data: images are the empty favicon in index.html.
const SECURITY = {
  'content-security-policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; img-src 'self' data:; "
    + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin', // other sites cannot pull these files in either
  'cache-control': 'no-store',
};

// Bodies, compressed once per file version (size, mtime) and kept in memory: a rebuilt wasm
// package is picked up on the next request, and the old version is dropped.
const packed = new Map(); // "file encoding" → { version, data: Promise<Buffer> }
const squeeze = { gzip: promisify(gzip), br: promisify(brotliCompress) };
// br quality 9: 0.12 s for the 690 KB wasm, 252 KB; 11 saves 25 KB more but takes 2 s, which
// the first page load after a start or a rebuild would wait for.
const LEVEL = { gzip: { level: 9 }, br: { params: { [zlib.BROTLI_PARAM_QUALITY]: 9 } } };
function body(file, info, encoding) {
  const key = `${file} ${encoding}`, version = `${info.size}:${info.mtimeMs}`;
  let hit = packed.get(key);
  if (hit?.version !== version) {
    const raw = readFile(file);
    hit = { version, data: encoding === 'identity' ? raw : raw.then((b) => squeeze[encoding](b, LEVEL[encoding])) };
    packed.set(key, hit);
    hit.data.catch(() => { if (packed.get(key) === hit) packed.delete(key); }); // a failed read is tried again
  }
  return hit.data;
}

/** The best encoding the client accepts: br, else gzip, else none (a q=0 refuses one). */
function encoding(header = '') {
  const q = {};
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';').map((s) => s.trim());
    const weight = params.find((p) => p.startsWith('q='));
    q[name] = weight ? Number(weight.slice(2)) || 0 : 1;
  }
  const ok = (name) => (q[name] ?? q['*'] ?? 0) > 0;
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : 'identity';
}

function answer(res, status, headers = {}, text = `${status} ${STATUS_CODES[status]}\n`) {
  res.writeHead(status, { ...SECURITY, 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

async function handle(req, res, hosts) {
  // DNS rebinding: a foreign page whose name now points at 127.0.0.1 sends its own name as
  // Host. 421 Misdirected Request ("not the server for this authority") says exactly that,
  // where 403 would suggest that some credential could help.
  if (!hosts.has(String(req.headers.host).toLowerCase())) return answer(res, 421);
  if (req.method !== 'GET' && req.method !== 'HEAD') return answer(res, 405, { allow: 'GET, HEAD' });
  if (req.url.length > MAX_URL) return answer(res, 414);
  if (!req.url.startsWith('/')) return answer(res, 400); // `*`, or an absolute URL meant for a proxy
  let path;
  try { path = decodeURIComponent(req.url.replace(/[?#].*$/s, '')); } catch { return answer(res, 400); } // %, %ZZ, bad UTF-8
  const entry = FILES.get(path);
  if (!entry) return answer(res, 404);
  const [file, type] = entry;
  const info = await stat(file).catch(() => null);
  if (!info) return answer(res, 404); // the wasm package not built yet
  const how = encoding(req.headers['accept-encoding']);
  const data = await body(file, info, how);
  res.writeHead(200, {
    ...SECURITY, 'content-type': type, 'content-length': data.length, vary: 'Accept-Encoding',
    ...(how === 'identity' ? {} : { 'content-encoding': how }),
  });
  res.end(req.method === 'HEAD' ? undefined : data);
}

/** Start serving; resolves to `{ url, close }`. */
export function serve({ port = 0, host = '127.0.0.1' } = {}) {
  const bare = host.includes(':') ? `[${host}]` : host; // an IPv6 address in a Host header is bracketed
  const hosts = new Set(); // the names this server answers to, with the port: filled once listening
  const server = createServer((req, res) => {
    // Whatever goes wrong in one request is that request's 500; the server goes on.
    handle(req, res, hosts).catch((e) => {
      console.error(`serve.mjs: ${req.method} ${req.url.slice(0, 200)}: ${e?.message ?? e}`);
      try { if (res.headersSent) res.destroy(); else answer(res, 500); } catch { res.destroy(); }
    });
  });
  // Requests node cannot parse (headers over 16 KB → 431, garbage → 400) get the same
  // headers as every other answer; a socket already gone is just closed.
  server.on('clientError', (err, socket) => {
    if (!socket.writable || err.code === 'ECONNRESET') return socket.destroy();
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const lines = Object.entries({ ...SECURITY, 'content-length': 0, connection: 'close' }).map(([k, v]) => `${k}: ${v}\r\n`);
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${lines.join('')}\r\n`);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const at = server.address().port;
      for (const name of [bare, '127.0.0.1', 'localhost', '[::1]'].map((h) => h.toLowerCase())) {
        hosts.add(`${name}:${at}`);
        if (at === 80) hosts.add(name); // browsers leave the default port out of Host
      }
      resolve({
        url: `http://${bare}:${at}/`,
        close: () => new Promise((done) => { server.close(done); server.closeIdleConnections(); }),
      });
    });
  });
}

const USAGE = 'usage: node web-demo/serve.mjs [--port N] (N in 0-65535, 0 = any free port; default 8080)';
/** The port asked for on the command line; a bad command line is one line on stderr and exit 2. */
function portFromArgs(args) {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { port: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (e) {
    console.error(`serve.mjs: ${e.message.split('\n')[0].replace(/\.$/, '')}; ${USAGE}`);
    process.exit(2);
  }
  if (values.help) { console.log(USAGE); process.exit(0); }
  if (values.port === undefined) return 8080;
  if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535) {
    console.error(`serve.mjs: --port must be an integer from 0 to 65535, not ${JSON.stringify(values.port)}; ${USAGE}`);
    process.exit(2);
  }
  return Number(values.port);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = portFromArgs(process.argv.slice(2));
  // A busy port is not an error worth stopping for: take a free one and say which.
  const started = serve({ port }).catch((e) => (e.code === 'EADDRINUSE' ? serve({ port: 0 }) : Promise.reject(e)));
  started.then(({ url }) => console.log(`kefu after-sales desk: ${url}  (Ctrl-C to stop)`), (e) => {
    console.error(`serve.mjs: cannot listen on 127.0.0.1:${port}: ${e.message}`);
    process.exit(1);
  });
}
