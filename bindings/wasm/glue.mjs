// Mends wasm-bindgen 0.2.130's reinit glue in a built package (run by scripts/build.sh).
//
// kefu's panic hook (src/lib.rs `start`) throws kefu's INTERNAL error and asks wasm-bindgen for
// a fresh instance before the next call. The generated glue checks whether an object is stale
// (made by the old instance) *before* its call guard swaps the instance in, so the first call
// on an old Engine after a panic runs with its old pointer in the new instance's memory, and
// `free()` never checks at all. Here every method runs the guard first, then the check; a stale
// Engine throws kefu's INTERNAL error, and freeing it does nothing. An Engine used after its
// own free() throws kefu's INVALID_INPUT (wasm-bindgen's is "null pointer passed to rust",
// without a code: issue 18 item 12).
import { readFileSync, writeFileSync } from 'node:fs';

const file = `${process.argv[2]}/kefu_wasm.js`;
let js = readFileSync(file, 'utf8');

const check = /if \(this\.__wbg_inst !== undefined && this\.__wbg_inst !== __wbg_instance_id\) \{\n(\s*)throw new Error\('Invalid stale object from previous Wasm instance'\);/g;
const methods = js.match(check)?.length ?? 0;
js = js.replace(check, 'if (kefuStale(this)) {\n$1throw kefuStaleError(this);');

const free = 'free() {\n        const ptr = this.__destroy_into_raw();';
const frees = js.split(free).length - 1;
js = js.replaceAll(free, 'free() {\n        if (kefuStale(this)) { this.__destroy_into_raw(); return; }\n        const ptr = this.__destroy_into_raw();');

const anchor = 'let __wbg_instance_id = 0;';
if (methods < 10 || frees !== 1 || !js.includes(anchor)) {
  throw new Error(`${file}: wasm-bindgen's glue changed (${methods} stale checks, ${frees} free); see bindings/wasm/glue.mjs`);
}
js = js.replace(anchor, `${anchor}
// kefu: see bindings/wasm/glue.mjs.
function kefuStale(obj) {
    __wbg_call_guard();
    return obj.__wbg_ptr === 0 || (obj.__wbg_inst !== undefined && obj.__wbg_inst !== __wbg_instance_id);
}
function kefuStaleError(obj) {
    if (obj.__wbg_ptr === 0) {
        return Object.assign(new Error('this Engine was freed (free() was called on it); make a new Engine'), { code: 'INVALID_INPUT', path: '' });
    }
    return Object.assign(new Error('internal error (please report): this Engine was made before kefu restarted after an internal error; make it again'), { code: 'INTERNAL', path: null });
}`);
writeFileSync(file, js);
