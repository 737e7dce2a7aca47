// Host checks of the wasm package (nodejs target).
import { createRequire } from 'node:module';
import { hostChecks } from '../../../tests/js/host.mjs';
import { whatIfChecks } from '../../../tests/js/whatif.mjs';

const kefu = createRequire(import.meta.url)('../pkg/nodejs/kefu_wasm.js');
hostChecks('wasm', { Engine: kefu.Engine, errorCodes: kefu.errorCodes(), version: kefu.version(), validatePolicy: kefu.validatePolicy, calendarFromNotice: kefu.calendarFromNotice });
whatIfChecks('wasm', { Engine: kefu.Engine });
