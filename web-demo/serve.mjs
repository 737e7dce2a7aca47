// Serves the after-sales desk on 127.0.0.1: the page from web-demo/, the wasm package from
// bindings/wasm/pkg/web/ at /pkg/. Static files only; every rule runs in the browser.
//   node web-demo/serve.mjs [--port 8080]      (port 0 picks a free one)
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url)).replace(/[\/]$/, '');
const roots = [['/pkg/', join(here, '..', 'bindings', 'wasm', 'pkg', 'web')], ['/', here]];
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
};

/** Start serving; resolves to `{ url, close }`. */
export function serve({ port = 0, host = '127.0.0.1' } = {}) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const [prefix, dir] = roots.find(([p]) => path.startsWith(p));
    const file = normalize(join(dir, path.slice(prefix.length) || 'index.html'));
    if (!file.startsWith(dir + sep) && file !== dir) { res.writeHead(403).end(); return; }
    try {
      const body = await readFile(file.endsWith(sep) ? join(file, 'index.html') : file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve({
      url: `http://${host}:${server.address().port}/`,
      close: () => new Promise((done) => server.close(done)),
    }));
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const at = process.argv.indexOf('--port');
  const port = at > 0 ? Number(process.argv[at + 1]) : 8080;
  // A busy port is not an error worth stopping for: take a free one and say which.
  const { url } = await serve({ port }).catch((e) => (e.code === 'EADDRINUSE' ? serve({ port: 0 }) : Promise.reject(e)));
  console.log(`kefu after-sales desk: ${url}  (Ctrl-C to stop)`);
}
