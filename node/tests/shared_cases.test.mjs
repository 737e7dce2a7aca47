// Every shared case through the napi package: one call at a time, then as batches, both
// `evaluateBatch` (on the main thread) and `evaluateBatchAsync` (a Promise, off it).
import { createRequire } from 'node:module';
import { replayAll, replayBatches } from '../../tests/js/replay.mjs';

const kefu = createRequire(import.meta.url)('../index.js');
replayAll('napi', kefu.Engine);
replayBatches('napi evaluateBatch', kefu.Engine, (engine, kind, requests) => engine.evaluateBatch(kind, requests));
replayBatches('napi evaluateBatchAsync', kefu.Engine, (engine, kind, requests) => engine.evaluateBatchAsync(kind, requests));
