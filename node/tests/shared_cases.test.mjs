// Every shared case through the napi package.
import { createRequire } from 'node:module';
import { replayAll } from '../../tests/js/replay.mjs';

const kefu = createRequire(import.meta.url)('../index.js');
replayAll('napi', kefu.Engine);
