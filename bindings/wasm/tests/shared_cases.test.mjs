// Every shared case through the wasm package (nodejs target): one call at a time, then as
// batches (`evaluateBatch`, synchronous: wasm has no threads here).
import { createRequire } from 'node:module';
import { replayAll, replayBatches } from '../../../tests/js/replay.mjs';

const kefu = createRequire(import.meta.url)('../pkg/nodejs/kefu_wasm.js');
replayAll('wasm', kefu.Engine);
replayBatches('wasm evaluateBatch', kefu.Engine, (engine, kind, requests) => engine.evaluateBatch(kind, requests));
