// The bad-input corpus (tests/bad/*.json, tests/README.md "Bad inputs") through the napi
// package: single calls through `evaluate` and engine construction, batches through both
// `evaluateBatch` (main thread) and `evaluateBatchAsync` (a Promise, libuv's pool).
import { createRequire } from 'node:module';
import { replayBad } from '../../tests/js/bad.mjs';

const kefu = createRequire(import.meta.url)('../index.js');
replayBad('napi', kefu.Engine, {
  self: import.meta.url,
  platforms: { fromPlatform: kefu.fromPlatform, toPlatform: kefu.toPlatform },
  batches: {
    evaluateBatch: (engine, kind, requests) => engine.evaluateBatch(kind, requests),
    evaluateBatchAsync: (engine, kind, requests) => engine.evaluateBatchAsync(kind, requests),
  },
});
