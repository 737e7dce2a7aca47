// Every shared case through the wasm package (nodejs target).
import { createRequire } from 'node:module';
import { replayAll } from '../../../tests/js/replay.mjs';

const kefu = createRequire(import.meta.url)('../pkg/nodejs/kefu_wasm.js');
replayAll('wasm', kefu.Engine);
