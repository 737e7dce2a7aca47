// One call's answer as text, for comparing threads (hardening.test.mjs, hammer-worker.mjs).
export function answer(engine, [kind, arg]) {
  try {
    return JSON.stringify({ ok: engine.evaluate(kind, arg) });
  } catch (e) {
    return JSON.stringify({ error: [e.code, e.path, e.message] });
  }
}
