// Every platform case (tests/platforms/*.json) through the wasm package (nodejs target, built
// with the platform readers as the browser's on-demand module is).
import { createRequire } from 'node:module';
import { replayPlatforms } from '../../../tests/js/platforms.mjs';

replayPlatforms('wasm', createRequire(import.meta.url)('../pkg/nodejs/kefu_wasm.js'));
