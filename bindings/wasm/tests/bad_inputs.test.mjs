// The bad-input corpus (tests/bad/*.json, tests/README.md "Bad inputs") through the wasm
// package (nodejs target): single calls through `evaluate`, engine construction, and batches
// through `evaluateBatch`.
import { createRequire } from 'node:module';
import { replayBad } from '../../../tests/js/bad.mjs';

const kefu = createRequire(import.meta.url)('../pkg/nodejs/kefu_wasm.js');
replayBad('wasm', kefu.Engine, {
  self: import.meta.url,
  platforms: { fromPlatform: kefu.fromPlatform, toPlatform: kefu.toPlatform },
  batches: {
    evaluateBatch: (engine, kind, requests) => engine.evaluateBatch(kind, requests),
  },
});
