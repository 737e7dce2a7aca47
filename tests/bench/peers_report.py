"""Write the peer tables into BENCHMARKS.md, between `<!-- peers:begin -->` and `<!-- peers:end -->`.

    python3 tests/bench/peers_report.py      (run by scripts/bench-peers.sh after the measurements)

Reads target/bench/peers_{python,node,size,machine}.json and criterion's estimates under
target/criterion/peers/; everything else in BENCHMARKS.md is left as it is.
"""

from __future__ import annotations

import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
BENCH = ROOT / "target" / "bench"
BEGIN, END = "<!-- peers:begin -->", "<!-- peers:end -->"


def load(name: str) -> dict:
    path = BENCH / name
    if not path.exists():
        sys.exit(f"{path} is missing: run `bash scripts/bench-peers.sh`")
    return json.loads(path.read_text(encoding="utf-8"))


def fig(us: float) -> str:
    """µs with three significant figures or so."""
    if us >= 100:
        return f"{us:,.0f}"
    if us >= 10:
        return f"{us:.1f}"
    return f"{us:.2f}"


def ratio(x: float) -> str:
    return f"{x:.1f}×" if x >= 1 else f"{x:.2f}×"


def criterion_us(bench: str, n: int) -> float:
    est = json.loads((ROOT / "target" / "criterion" / "peers" / bench / "new" / "estimates.json").read_text())
    return est["median"]["point_estimate"] / n / 1000  # ns per iteration over all n → µs per decision


def main() -> None:
    py, node, size, machine = load("peers_python.json"), load("peers_node.json"), load("peers_size.json"), load("peers_machine.json")
    P = {(r["engine"], r["mode"]): r["us"] for r in py["rows"]}
    N = {(r["engine"], r["mode"]): r["us"] for r in node["rows"]}
    n = py["n"]
    native_typed = criterion_us("check_return_typed", n)
    native_value = criterion_us("evaluate_value", n)
    native_lean = criterion_us("evaluate_value_lean", n)

    out: list[str] = []
    w = out.append
    w(f"Measured {machine['date']} by `bash scripts/bench-peers.sh`: {n:,} requests (seed {py['seed']}), "
      f"median of {py['runs']} rounds after a warm-up round. Machine: {machine['cpu']}, {machine['cores']} cores; "
      f"load average {machine['load_before']} before, {machine['load_after']} after; {machine['others']}. "
      f"Python {py['python']}, zen-engine {py['versions']['zen-engine']}; Node {node['node']}, "
      f"@gorules/zen-engine {node['versions']['@gorules/zen-engine']}, json-rules-engine {node['versions']['json-rules-engine']}.")
    w("")
    w("**Python** (µs per decision)")
    w("")
    w("| engine | per call | batch, per row | ÷ kefu, per call | ÷ kefu, batch |")
    w("|---|---|---|---|---|")
    kc, kb, kb1 = P[("kefu", "call")], P[("kefu", "batch")], P[("kefu", "batch, 1 thread")]
    klc, klb, klb1 = P[("kefu", "call, lean")], P[("kefu", "batch, lean")], P[("kefu", "batch, lean, 1 thread")]
    kf, kf1 = P[("kefu", "frame")], P[("kefu", "frame, 1 thread")]
    zc, zcd, zb = P[("ZEN", "call")], P[("ZEN", "call, create_decision")], P[("ZEN", "batch")]
    pc = P[("plain Python", "call")]
    w(f"| kefu `Engine.check_return(dict)` / `evaluate_batch(list)` (every core; 1 thread) | **{fig(kc)}** | {fig(kb)} ({fig(kb1)}) | 1 | 1 |")
    w(f"| kefu, lean form: `check_return(dict, lean=True)` / `evaluate_batch(list, lean=True)` | **{fig(klc)}** | {fig(klb)} ({fig(klb1)}) | {ratio(klc / kc)} | {ratio(klb / kb)} |")
    w(f"| kefu `evaluate_frame` on a pyarrow table (every core; 1 thread) | — | **{fig(kf)}** ({fig(kf1)}) | | |")
    w(f"| ZEN `ZenEngine.evaluate(key)` (static loader) / `evaluate_batch` | {fig(zc)} | {fig(zb)} | {ratio(zc / kc)} | {ratio(zb / kb)} (frame: {ratio(zb / kf)}) |")
    w(f"| ZEN `create_decision(jdm).evaluate` (first 1,000 requests) | {fig(zcd)} | — | {ratio(zcd / kc)} | |")
    w(f"| plain Python function (verdict and remedies only) | {fig(pc)} | — | {ratio(pc / kc)} | |")
    w("")
    w("The lean form is kefu's whole decision cut to the kind's main fields and reason codes (`lean=True` in Python, "
      "`{ lean: true }` in JS); the rules that run are the same.")
    w("")
    w("**Node** (µs per decision)")
    w("")
    w("| engine | per call | batch, per row | ÷ kefu napi, per call | ÷ kefu wasm, per call | ÷ kefu napi, batch |")
    w("|---|---|---|---|---|---|")
    nc, nb = N[("kefu napi", "call")], N[("kefu napi", "batch")]
    wc, wb = N[("kefu wasm", "call")], N[("kefu wasm", "batch")]
    zn, znb = N[("ZEN", "call")], N[("ZEN", "batch")]
    jc, jsc = N[("json-rules-engine", "call")], N[("plain JS", "call")]
    nlc, nlb = N[("kefu napi", "call, lean")], N[("kefu napi", "batch, lean")]
    wlc, wlb = N[("kefu wasm", "call, lean")], N[("kefu wasm", "batch, lean")]
    w(f"| kefu napi `checkReturn` / `evaluateBatch` | **{fig(nc)}** | {fig(nb)} | 1 | {ratio(nc / wc)} | 1 |")
    w(f"| kefu wasm (`pkg/nodejs`) `checkReturn` / `evaluateBatch` | **{fig(wc)}** | {fig(wb)} | {ratio(wc / nc)} | 1 | {ratio(wb / nb)} |")
    w(f"| kefu napi, lean form (`{{ lean: true }}`) | **{fig(nlc)}** | {fig(nlb)} | {ratio(nlc / nc)} | {ratio(nlc / wc)} | {ratio(nlb / nb)} |")
    w(f"| kefu wasm, lean form | **{fig(wlc)}** | {fig(wlb)} | {ratio(wlc / nc)} | {ratio(wlc / wc)} | {ratio(wlb / nb)} |")
    w(f"| ZEN `decision.evaluate` awaited one by one / all N in flight (`Promise.all`) | {fig(zn)} | {fig(znb)} | {ratio(zn / nc)} | {ratio(zn / wc)} | {ratio(znb / nb)} |")
    w(f"| json-rules-engine `engine.run` awaited one by one | {fig(jc)} | — | {ratio(jc / nc)} | {ratio(jc / wc)} | |")
    w(f"| plain JS function (verdict and remedies only) | {fig(jsc)} | — | {ratio(jsc / nc)} | {ratio(jsc / wc)} | |")
    w("")
    w(f"**Native** (criterion, `cargo bench -p kefu-core --bench peers`, the same {n:,} requests): "
      f"`Engine::check_return`, typed request to typed decision with its reasons, **{fig(native_typed)} µs** per decision; "
      f"`Engine::evaluate`, JSON value in and out, {fig(native_value)} µs; the same answering in the lean form, {fig(native_lean)} µs. "
      f"ZEN's own `performance` figure for one evaluation (inside its Rust engine, before its answer is "
      f"built in the host; median): {fig(P[('ZEN', 'own figure')])} µs under Python, {fig(N[('ZEN', 'own figure')])} µs under Node, "
      f"{ratio(P[('ZEN', 'own figure')] / native_typed)} and {ratio(N[('ZEN', 'own figure')] / native_typed)} kefu's native time.")
    w("")
    w("**Targets**")
    w("")
    w("| target | whole decision | lean form | |")
    w("|---|---|---|---|")

    def target(what: str, whole: str, lean: str, ok_whole: bool, ok_lean: bool) -> None:
        verdict = "met" if ok_whole and ok_lean else ("met with the lean form" if ok_lean else ("met" if ok_whole else "**missed**"))
        w(f"| {what} | {whole} | {lean} | {verdict} |")

    target("Python: kefu ≥ 10× faster than ZEN, per call", f"ZEN ÷ kefu = {ratio(zc / kc)}", ratio(zc / klc), zc / kc >= 10, zc / klc >= 10)
    target("Python: kefu ≥ 10× faster than ZEN, batch (`evaluate_batch`)", ratio(zb / kb), ratio(zb / klb), zb / kb >= 10, zb / klb >= 10)
    target("Python: the same, kefu's `evaluate_frame`", ratio(zb / kf), "—", zb / kf >= 10, zb / kf >= 10)
    target("Node: kefu ≥ 10× faster than ZEN, per call (napi; wasm)", f"{ratio(zn / nc)}; {ratio(zn / wc)}", f"{ratio(zn / nlc)}; {ratio(zn / wlc)}", zn / nc >= 10 and zn / wc >= 10, zn / nlc >= 10 and zn / wlc >= 10)
    target("Node: kefu ≥ 10× faster than ZEN, batch (napi `evaluateBatch` vs ZEN all in flight)", ratio(znb / nb), ratio(znb / nlb), znb / nb >= 10, znb / nlb >= 10)
    target("Node: kefu ≥ 10× faster than json-rules-engine, per call (napi; wasm)", f"{ratio(jc / nc)}; {ratio(jc / wc)}", f"{ratio(jc / nlc)}; {ratio(jc / wlc)}", jc / nc >= 10 and jc / wc >= 10, jc / nlc >= 10 and jc / wlc >= 10)
    target("Python: kefu per call within 2× of the plain function", f"kefu ÷ plain = {ratio(kc / pc)}", ratio(klc / pc), kc / pc <= 2, klc / pc <= 2)
    target("Node: kefu per call within 2× of the plain function (napi; wasm)", f"{ratio(nc / jsc)}; {ratio(wc / jsc)}", f"{ratio(nlc / jsc)}; {ratio(wlc / jsc)}", nc / jsc <= 2 and wc / jsc <= 2, nlc / jsc <= 2 and wlc / jsc <= 2)
    target("Python: kefu's batch per row faster than the plain function per call (`evaluate_batch`)", f"{ratio(kb / pc)} the plain function's time", ratio(klb / pc), kb < pc, klb < pc)
    target("Python: the same, `evaluate_frame`", ratio(kf / pc), "—", kf < pc, kf < pc)
    target("Node: kefu's batch per row faster than the plain function (napi; wasm)", f"{ratio(nb / jsc)}; {ratio(wb / jsc)}", f"{ratio(nlb / jsc)}; {ratio(wlb / jsc)}", nb < jsc and wb < jsc, nlb < jsc and wlb < jsc)
    w("")
    w("**Size** (what a browser downloads; Node's zlib, level 9)")
    w("")
    w("| package | what it runs | wasm | wasm gzipped | JS glue gzipped | total gzipped |")
    w("|---|---|---|---|---|---|")
    for p in size:
        w(f"| {p['name']} {p['version']} | {p['what']} | {p['wasm']['raw']:,} B | {p['wasm']['gz']:,} B | {p['glue']['gz']:,} B | **{p['wasm']['gz'] + p['glue']['gz']:,} B** |")
    kefu_total = size[0]["wasm"]["gz"] + size[0]["glue"]["gz"]
    zen_total = size[1]["wasm"]["gz"] + size[1]["glue"]["gz"]
    w("")
    w(f"kefu's whole package is {ratio(kefu_total / zen_total)} the size of ZEN's expression-only wasm ({zen_total / kefu_total:.1f}× smaller).")

    path = ROOT / "BENCHMARKS.md"
    text = path.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        sys.exit(f"BENCHMARKS.md has no {BEGIN} … {END} section")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    path.write_text(head + BEGIN + "\n" + "\n".join(out) + "\n" + END + tail, encoding="utf-8")
    print("\n".join(out))


if __name__ == "__main__":
    main()
