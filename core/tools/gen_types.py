"""Generate kefu's typed shapes for TypeScript and Python from the JSON Schemas in schemas/.

schemas/*.schema.json (derived from core's Rust types by schemars, draft 2020-12; see
core/tests/schemas.rs) are the one source. This script reads them and writes:

* node/kefu-types.d.ts, and the same text as bindings/wasm/kefu-types.d.ts: an exported
  type per request, decision, lean form and `$defs` type, the policy, `Kind`, the
  kind-indexed `Requests`, `Decisions`, `LeanDecisions`, and a short block of host types the
  schemas do not describe (call options, batch items, errors) shared by both JS packages.
  node/index.d.ts re-exports it and types its calls with it; the wasm crate includes it in
  wasm-bindgen's kefu_wasm.d.ts (`typescript_custom_section` in bindings/wasm/src/lib.rs).
* python/kefu/_types.py: a `TypedDict` per request, decision, lean form, policy and `$defs`
  type, `Literal` aliases for enums; `kefu` re-exports every name (`kefu.ReturnDecision`).

    python3 core/tools/gen_types.py            # rewrite the generated files
    python3 core/tools/gen_types.py --check    # exit 1 if any is stale (python/tests/test_types.py)

Why a generator of its own (Python 3.10+ stdlib only) rather than a library:
json-schema-to-typescript (npm) converts one document at a time, so the 31 documents' shared
`$defs` (PolicyRef, Reason, Instant… repeated in every decision) come out as 31 copies or as
`Reason1`, `Reason2`…; it has no Python output, so a second tool (datamodel-code-generator,
a pydantic-centred stack) would be needed for the TypedDicts, with its own naming. schemars
writes a small, regular subset of JSON Schema, and this script handles exactly that subset and
fails loudly (naming the document and the path) on anything else, so a new construct in core's
types cannot turn silently into `any`:

* `$ref` to `#/$defs/Name`; objects with `properties` / `required` (the rest optional), or a
  map (`additionalProperties` with a schema: `Record<string, T>`, `Dict[str, T]`);
* `oneOf` / `anyOf` of `{const, description}` (string-literal unions / `Literal`, each value's
  description kept), other `anyOf` (unions; `{"type": "null"}` gives `| null` / `Optional`);
* `type` a name or a list (`["string", "null"]`); `array` with `items`; string, integer,
  number, boolean (formats, patterns, ranges and defaults are checks, not types: defaults
  are noted in the doc comments).

Names: one per type across all documents. The same `$defs` name with the same content
(references followed) in several documents is one type; the same name with different content
is one type per content, each prefixed with the first kind (in `KINDS` order) whose documents
use it (`CheckReturnParty`, `RefundTimelineParty`), or `Policy` when only the policy does.
Requests, decisions and the policy are named by their schema's `title`; a lean form is
`Lean` + its decision's name. `Date` (a global in JavaScript) is `DateString`.
"""

from __future__ import annotations

import json
import keyword
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "schemas"
TS_OUTS = [ROOT / "node" / "kefu-types.d.ts", ROOT / "bindings" / "wasm" / "kefu-types.d.ts"]
PY_OUT = ROOT / "python" / "kefu" / "_types.py"

# Names a declaration must not take: globals of JavaScript/TypeScript that a module-level type
# of that name would shadow in the packages' .d.ts files.
RENAMES = {"Date": "DateString"}

# The JS packages' own types around the decisions: not in the schemas (errors are not JSON
# documents, options and batch items are the hosts' calling conventions). {Name} placeholders
# are the generated names of schema types.
HOST_TS = """\
// ---- Around the decisions: the JS packages' call options, batch items and errors ----------
// (Not in the schemas; written once here for both packages.)

/** Options of every decision call: `{ lean: true }` answers with the decision's lean form. */
export interface Options {
  lean?: boolean;
}
/** `{ lean: true }`: answer with the lean form. */
export type LeanOption = { lean: true };
/** No options, or `{ lean: false }`: answer with the whole decision. */
export type WholeOption = { lean?: false };

/** Stable error codes (`ERROR_CODES` / `errorCodes()` list them at run time). */
export type ErrorCode =
  | 'INVALID_JSON'
  | 'INVALID_INPUT'
  | 'INVALID_POLICY'
  | 'CALENDAR_YEAR_UNKNOWN'
  | 'UNKNOWN_KIND'
  | 'INTERNAL';

/** One problem of a policy: its JSON pointer and what is wrong. */
export interface Problem {
  path: string;
  message: string;
}

/** What every kefu call throws: an `Error` with a stable `code` and the JSON pointer `path`. */
/** The kind of an error, finer than its code and as stable (core's `ErrorKind`). */
export type ErrorKind =
  | 'syntax'
  | 'missing_field'
  | 'unknown_field'
  | 'unknown_variant'
  | 'wrong_type'
  | 'invalid_value'
  | 'invalid_length'
  | 'duplicate_field'
  | 'invalid_policy'
  | 'calendar_year_unknown'
  | 'unknown_kind'
  | 'internal';

export interface KefuError extends Error {
  code: ErrorCode;
  /** What kind of mistake (`missing_field`, `unknown_variant`, …). */
  kind: ErrorKind;
  /** The message in Chinese, for agents. */
  message_zh: string;
  /** JSON pointer to the bad field ('' = the whole input), or null. */
  path: string | null;
  /** For INVALID_POLICY: every problem found. */
  problems?: Problem[];
}

/** One result of a batch; `id` and `order_id` echo the request's, also for a row that failed. */
export type BatchItem<D = Decision | LeanDecision> =
  | { index: number; ok: true; id?: string; order_id?: string; decision: D }
  | { index: number; ok: false; id?: string; order_id?: string; error: { code: ErrorCode; kind: ErrorKind; message: string; message_zh: string; path: string | null } };

/** One answer as `diffPolicy` shows it: the lean decision, or the error's code and path. */
export type PolicyAnswer = LeanDecision | { error: { code: ErrorCode; path: string | null } };
/** One request whose answer changes under a proposed policy (core's `whatif::Change`). */
export interface PolicyChange {
  index: number;
  id?: string;
  order_id?: string;
  /** The main fields that differ (`reason_codes`, `error` included). */
  changed: string[];
  /** The answer under the current policy. */
  old: PolicyAnswer;
  /** The answer under the proposed policy. */
  new: PolicyAnswer;
  codes_added: string[];
  codes_removed: string[];
}
/** What a proposed policy changes over a history (core's `whatif::Summary`). */
export interface PolicyDiffSummary {
  rows_read: number;
  rows_changed: number;
  /** Rows that failed alike under both policies. */
  rows_failed: number;
  /** Changed rows by the first main field, `"old -> new"`. */
  transitions: Record<string, number>;
  codes_added: Record<string, number>;
  codes_removed: Record<string, number>;
}
/** `diffPolicy`'s answer: the changed rows in order, and the summary. */
export interface PolicyDiff {
  changes: PolicyChange[];
  summary: PolicyDiffSummary;
}

/**
 * `calendar.years` entries by year ("2026"): the year's holidays and its make-up working days
 * (调休上班). `calendarFromNotice` gives one, ready for `new Engine({ calendar: { years } })`.
 */
export type CalendarYears = Record<string, {YearPolicy}>;
"""


class SchemaError(Exception):
    pass


def kinds_in_order() -> list[str]:
    """The kinds in `KINDS` order, read from core's one table of kinds (core/src/kinds.rs)."""
    text = (ROOT / "core" / "src" / "kinds.rs").read_text(encoding="utf-8")
    block = re.search(r"^kinds! \{(.*?)^\}", text, re.S | re.M)
    if block is None:
        raise SchemaError("core/src/kinds.rs: no `kinds! { … }` table")
    kinds = re.findall(r'^\s*"(\w+)" =>', block.group(1), re.M)
    found = sorted(p.name.split(".")[0] for p in SCHEMAS.glob("*.request.schema.json"))
    if sorted(kinds) != found:
        raise SchemaError(f"kinds.rs lists {kinds}, schemas/ has requests for {found}")
    return kinds


def pascal(kind: str) -> str:
    return "".join(part.capitalize() for part in kind.split("_"))


# ---- Reading: schema nodes into a small type model -------------------------------------------
# A type is a tuple: ("prim", "string"|"integer"|"number"|"boolean"|"null"), ("lit", value),
# ("ref", doc, def_name), ("array", item), ("map", value), ("union", [types]),
# ("object", [fields]) for an inline object. A field: (name, type, required, description, default).

SKIP = {"description", "default", "format", "pattern", "minimum", "maximum", "exclusiveMinimum",
        "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems", "uniqueItems",
        "writeOnly", "readOnly", "title", "examples", "$id", "$schema", "$defs", "deprecated"}


def parse(node: dict, doc: str, where: str):
    if not isinstance(node, dict):
        raise SchemaError(f"{doc}: {where}: a schema that is not an object")
    unknown = set(node) - SKIP - {"$ref", "anyOf", "oneOf", "const", "enum", "type", "items",
                                   "properties", "required", "additionalProperties"}
    if unknown:
        raise SchemaError(f"{doc}: {where}: keywords this generator does not read: {sorted(unknown)}")
    if "$ref" in node:
        m = re.fullmatch(r"#/\$defs/([A-Za-z_][A-Za-z0-9_]*)", node["$ref"])
        if not m or set(node) - SKIP - {"$ref"}:
            raise SchemaError(f"{doc}: {where}: unsupported $ref {node['$ref']!r}")
        return ("ref", doc, m.group(1))
    for comb in ("anyOf", "oneOf"):
        if comb in node:
            return union([parse(v, doc, f"{where}/{comb}/{i}") for i, v in enumerate(node[comb])])
    if "const" in node:
        return ("lit", node["const"])
    if "enum" in node:
        return union([("lit", v) for v in node["enum"]])
    t = node.get("type")
    if isinstance(t, list):
        return union([parse({**node, "type": one}, doc, where) for one in t])
    if t in ("string", "integer", "number", "boolean", "null"):
        return ("prim", t)
    if t == "array":
        if "items" not in node:
            raise SchemaError(f"{doc}: {where}: an array without items")
        return ("array", parse(node["items"], doc, f"{where}/items"))
    if t == "object":
        extra = node.get("additionalProperties")
        if "properties" in node:
            if isinstance(extra, dict):
                raise SchemaError(f"{doc}: {where}: properties and a map at once")
            return ("object", fields(node, doc, where))
        if isinstance(extra, dict):
            return ("map", parse(extra, doc, f"{where}/additionalProperties"))
        raise SchemaError(f"{doc}: {where}: an object with neither properties nor a value schema")
    raise SchemaError(f"{doc}: {where}: a schema without a type this generator knows: {node}")


def fields(node: dict, doc: str, where: str) -> list:
    required = set(node.get("required", []))
    unknown = required - set(node["properties"])
    if unknown:
        raise SchemaError(f"{doc}: {where}: required but not a property: {sorted(unknown)}")
    out = []
    for name in sorted(node["properties"]):
        prop = node["properties"][name]
        t = parse(prop, doc, f"{where}/properties/{name}")
        out.append((name, t, name in required, description_of(prop), prop.get("default", NO_DEFAULT)))
    return out


NO_DEFAULT = object()


def description_of(node: dict) -> str:
    """A property's description; a lean form's fields carry theirs inside `anyOf`."""
    if node.get("description"):
        return node["description"]
    for comb in ("anyOf", "oneOf"):
        for v in node.get(comb, []):
            if v.get("type") != "null":
                d = description_of(v)
                if d:
                    return d
    return ""


def union(types: list):
    flat: list = []
    for t in types:
        for one in (t[1] if t[0] == "union" else [t]):
            if one not in flat:
                flat.append(one)
    nulls = [t for t in flat if t == ("prim", "null")]
    flat = [t for t in flat if t != ("prim", "null")] + nulls
    return flat[0] if len(flat) == 1 else ("union", flat)


def enum_values(node: dict):
    """[(value, description)] for a oneOf/anyOf/enum of consts only, else None."""
    variants = node.get("oneOf") or node.get("anyOf")
    if variants and all("const" in v for v in variants):
        return [(v["const"], v.get("description", "")) for v in variants]
    if "enum" in node:
        return [(v, "") for v in node["enum"]]
    return None


# ---- The documents, their types and one name per type ----------------------------------------


class Model:
    def __init__(self) -> None:
        self.kinds = kinds_in_order()
        self.docs: dict[str, dict] = {}
        for path in sorted(SCHEMAS.glob("*.schema.json")):
            self.docs[path.name] = json.loads(path.read_text(encoding="utf-8"))
        expected = {"policy.schema.json"} | {
            f"{k}.{form}.schema.json" for k in self.kinds for form in ("request", "decision", "lean")}
        if set(self.docs) != expected:
            raise SchemaError(f"schemas/: expected {sorted(expected)}, found {sorted(self.docs)}")
        self._identity: dict = {}
        self.names: dict = {}  # (doc, def name or None for the document itself) -> type name
        self._name_all()

    def node(self, doc: str, name):
        d = self.docs[doc]
        if name is None:
            return {k: v for k, v in d.items() if k not in ("$defs", "$id", "$schema", "title")}
        try:
            return d["$defs"][name]
        except KeyError:
            raise SchemaError(f"{doc}: $ref to a missing #/$defs/{name}") from None

    def identity(self, doc: str, name) -> str:
        """The node's content with every reference replaced by the referenced content."""
        key = (doc, name)
        if key not in self._identity:
            self._identity[key] = f"<cycle {name}>"  # a recursive type compares by its name
            self._identity[key] = json.dumps(self._resolve(self.node(doc, name), doc),
                                             sort_keys=True, ensure_ascii=False)
        return self._identity[key]

    def _resolve(self, node, doc: str):
        if isinstance(node, dict):
            if "$ref" in node:
                return {"$ref": self.identity(doc, node["$ref"].rsplit("/", 1)[-1]),
                        **{k: self._resolve(v, doc) for k, v in node.items() if k != "$ref"}}
            return {k: self._resolve(v, doc) for k, v in node.items()}
        if isinstance(node, list):
            return [self._resolve(v, doc) for v in node]
        return node

    def _doc_kind(self, doc: str):
        return None if doc == "policy.schema.json" else doc.split(".")[0]

    def _name_all(self) -> None:
        # Every type: the documents' own (named by title) and every $defs entry.
        by_name: dict[str, dict[str, list]] = {}
        top: dict = {}
        for doc, d in self.docs.items():
            kind, form = (None, None) if doc == "policy.schema.json" else doc.split(".")[:2]
            if form == "lean":
                title = self.docs[f"{kind}.decision.schema.json"]["title"]
                name = f"Lean{title}"
            else:
                name = d.get("title", "")
            if not re.fullmatch(r"[A-Z][A-Za-z0-9]*", name):
                raise SchemaError(f"{doc}: title {name!r} is not a type name")
            top[doc] = name
            by_name.setdefault(name, {}).setdefault(self.identity(doc, None), []).append((doc, None))
            for def_name in d.get("$defs", {}):
                ident = self.identity(doc, def_name)
                by_name.setdefault(def_name, {}).setdefault(ident, []).append((doc, def_name))
        order = {k: i for i, k in enumerate(self.kinds)}
        final: set = set()
        for name, variants in sorted(by_name.items()):
            for ident, places in variants.items():
                if len(variants) == 1:
                    chosen = RENAMES.get(name, name)
                else:
                    if any(def_name is None for _, def_name in places):
                        raise SchemaError(f"the type {name} of {places} differs from another of its name")
                    kinds = sorted({self._doc_kind(doc) for doc, _ in places if self._doc_kind(doc)},
                                   key=order.__getitem__)
                    chosen = (pascal(kinds[0]) if kinds else "Policy") + name
                if chosen in final:
                    raise SchemaError(f"two different types would be named {chosen}")
                final.add(chosen)
                for place in places:
                    self.names[place] = chosen
        self.top = {doc: self.names[(doc, None)] for doc in top}
        for doc, name in top.items():
            if self.top[doc] != name:
                raise SchemaError(f"{doc}: its title {name} was renamed")

    def name_of(self, t) -> str:
        return self.names[(t[1], t[2])]

    def ordered(self) -> list:
        """Every named type once, each after the types it refers to, from the kinds' documents
        in `KINDS` order (request, decision, lean form), then the policy."""
        roots = [f"{k}.{form}.schema.json" for k in self.kinds for form in ("request", "decision", "lean")]
        roots.append("policy.schema.json")
        seen: set = set()
        out: list = []

        def visit(doc: str, def_name, via: tuple) -> None:
            name = self.names[(doc, def_name)]
            if name in seen:
                return
            if name in via:
                raise SchemaError(f"recursive types are not supported: {' -> '.join(via + (name,))}")
            for ref_doc, ref_name in refs(parse_named(self.node(doc, def_name), doc, def_name)):
                visit(ref_doc, ref_name, via + (name,))
            seen.add(name)
            out.append((name, doc, def_name))

        for doc in roots:
            visit(doc, None, ())
        return out


def parse_named(node: dict, doc: str, def_name):
    """A named type: ("enum", [(value, description)]), ("interface", fields) or ("alias", type)."""
    where = f"#/$defs/{def_name}" if def_name else "#"
    values = enum_values(node)
    if values is not None:
        return ("enum", values)
    if node.get("type") == "object" and "properties" in node:
        parse(node, doc, where)  # checks the keywords
        return ("interface", fields(node, doc, where))
    return ("alias", parse(node, doc, where))


def refs(named) -> list:
    out: list = []

    def walk(t) -> None:
        if t[0] == "ref":
            out.append((t[1], t[2]))
        elif t[0] in ("array", "map"):
            walk(t[1])
        elif t[0] == "union":
            for one in t[1]:
                walk(one)
        elif t[0] == "object":
            for f in t[1]:
                walk(f[1])

    if named[0] == "interface":
        for f in named[1]:
            walk(f[1])
    elif named[0] == "alias":
        walk(named[1])
    return out


# ---- TypeScript ------------------------------------------------------------------------------


def ts_comment(text: str, indent: str = "") -> list[str]:
    lines = [line.rstrip() for line in text.replace("*/", "*\\/").split("\n")]
    if len(lines) == 1:
        return [f"{indent}/** {lines[0]} */"]
    return [f"{indent}/**"] + [f"{indent} * {line}".rstrip() for line in lines] + [f"{indent} */"]


def ts_lit(v) -> str:
    if isinstance(v, str):
        return "'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'"
    return json.dumps(v)


def ts_key(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z_$][A-Za-z0-9_$]*", name) else ts_lit(name)


def ts_type(m: Model, t) -> str:
    tag = t[0]
    if tag == "prim":
        return {"string": "string", "integer": "number", "number": "number",
                "boolean": "boolean", "null": "null"}[t[1]]
    if tag == "lit":
        return ts_lit(t[1])
    if tag == "ref":
        return m.name_of(t)
    if tag == "array":
        inner = ts_type(m, t[1])
        return f"({inner})[]" if t[1][0] == "union" else f"{inner}[]"
    if tag == "map":
        return f"Record<string, {ts_type(m, t[1])}>"
    if tag == "union":
        return " | ".join(ts_type(m, one) for one in t[1])
    if tag == "object":
        inner = "; ".join(f"{ts_key(n)}{'' if req else '?'}: {ts_type(m, ft)}" for n, ft, req, _, _ in t[1])
        return "{ " + inner + " }"
    raise AssertionError(t)


def with_default(description: str, default, tag: str = "@default ") -> str:
    """The description, and the default when it is short (JSDoc `@default`)."""
    if default is NO_DEFAULT:
        return description
    shown = json.dumps(default, ensure_ascii=False, separators=(", ", ": "))
    if len(shown) > 60:
        return description
    return f"{description}\n{tag}{shown}" if description else f"{tag}{shown}"


def ts_decl(m: Model, name: str, doc: str, def_name) -> list[str]:
    node = m.node(doc, def_name)
    named = parse_named(node, doc, def_name)
    out = ts_comment(node["description"]) if node.get("description") else []
    if named[0] == "enum":
        out.append(f"export type {name} =")
        for i, (value, desc) in enumerate(named[1]):
            if desc:
                out += ts_comment(desc, "  ")
            out.append(f"  | {ts_lit(value)}{';' if i == len(named[1]) - 1 else ''}")
    elif named[0] == "interface":
        out.append(f"export interface {name} {{")
        for fname, ft, req, desc, default in named[1]:
            text = with_default(desc, default)
            if text:
                out += ts_comment(text, "  ")
            out.append(f"  {ts_key(fname)}{'' if req else '?'}: {ts_type(m, ft)};")
        out.append("}")
    else:
        out.append(f"export type {name} = {ts_type(m, named[1])};")
    return out


def typescript(m: Model) -> str:
    out = [
        "// kefu's request, decision, lean and policy types, generated by core/tools/gen_types.py",
        "// from schemas/*.schema.json (themselves derived from core's Rust types). Do not edit:",
        "// regenerate with `python3 core/tools/gen_types.py` (python/tests/test_types.py fails",
        "// while this file is stale). The same text is node/kefu-types.d.ts (re-exported by the",
        "// napi package's index.d.ts) and bindings/wasm/kefu-types.d.ts (in kefu_wasm.d.ts).",
        "",
        "/** The decision kinds (`KINDS`). */",
        "export type Kind =",
    ]
    out += [f"  | {ts_lit(k)}{';' if i == len(m.kinds) - 1 else ''}" for i, k in enumerate(m.kinds)]
    for table, form, what in [("Requests", "request", "The request of each kind."),
                              ("Decisions", "decision", "The decision of each kind."),
                              ("LeanDecisions", "lean", "The lean form of each kind's decision (`{ lean: true }`).")]:
        out += ["", f"/** {what} */", f"export interface {table} {{"]
        out += [f"  {k}: {m.top[f'{k}.{form}.schema.json']};" for k in m.kinds]
        out.append("}")
    out += ["", "/** Any kind's decision. */", "export type Decision = Decisions[Kind];",
            "/** Any kind's lean form. */", "export type LeanDecision = LeanDecisions[Kind];"]
    for name, doc, def_name in m.ordered():
        out.append("")
        out += ts_decl(m, name, doc, def_name)
    year = m.names[("policy.schema.json", "YearPolicy")]
    out += ["", HOST_TS.replace("{YearPolicy}", year).rstrip("\n")]
    return "\n".join(out) + "\n"


# ---- Python ----------------------------------------------------------------------------------

# A field name that needs the functional TypedDict syntax: not an identifier, a keyword (soft
# ones too), or a name the annotations use.
PY_RESERVED = set(keyword.softkwlist) | {"type", "str", "int", "float", "bool", "None", "List", "Dict",
                                         "Optional", "Union", "Literal", "TypedDict", "TypeAlias"}


def py_plain(name: str) -> bool:
    return name.isidentifier() and not keyword.iskeyword(name) and name not in PY_RESERVED


def py_lit(v) -> str:
    return json.dumps(v, ensure_ascii=False) if isinstance(v, str) else repr(v)


def py_type(m: Model, t) -> str:
    tag = t[0]
    if tag == "prim":
        return {"string": "str", "integer": "int", "number": "float", "boolean": "bool", "null": "None"}[t[1]]
    if tag == "lit":
        return f"Literal[{py_lit(t[1])}]"
    if tag == "ref":
        return m.name_of(t)
    if tag == "array":
        return f"List[{py_type(m, t[1])}]"
    if tag == "map":
        return f"Dict[str, {py_type(m, t[1])}]"
    if tag == "union":
        members = [one for one in t[1] if one != ("prim", "null")]
        lits = [one for one in members if one[0] == "lit"]
        rest = [py_type(m, one) for one in members if one[0] != "lit"]
        if lits:
            rest.insert(0, "Literal[" + ", ".join(py_lit(one[1]) for one in lits) + "]")
        inner = rest[0] if len(rest) == 1 else "Union[" + ", ".join(rest) + "]"
        return f"Optional[{inner}]" if len(members) < len(t[1]) else inner
    if tag == "object":
        raise SchemaError("an inline object has no name for a Python TypedDict: give it a Rust type of its own")
    raise AssertionError(t)


def py_comment(text: str, indent: str = "") -> list[str]:
    return [f"{indent}# {line}".rstrip() for line in text.split("\n")]


def py_docstring(text: str, indent: str) -> list[str]:
    body = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    lines = body.split("\n")
    if len(lines) == 1:
        return [f'{indent}"""{body}"""']
    return [f'{indent}"""{lines[0]}'] + [f"{indent}{line}".rstrip() for line in lines[1:]] + [f'{indent}"""']


def py_decl(m: Model, name: str, doc: str, def_name) -> list[str]:
    node = m.node(doc, def_name)
    named = parse_named(node, doc, def_name)
    description = node.get("description", "")
    if named[0] == "enum":
        out = py_comment(description) if description else []
        out.append(f"{name}: TypeAlias = Literal[")
        for value, desc in named[1]:
            out.append(f"    {py_lit(value)},{'  # ' + desc.replace(chr(10), ' ') if desc else ''}")
        out.append("]")
        return out
    if named[0] == "alias":
        out = py_comment(description) if description else []
        out.append(f"{name}: TypeAlias = {py_type(m, named[1])}")
        return out
    required = [f for f in named[1] if f[2]]
    optional = [f for f in named[1] if not f[2]]

    def body(fs: list, indent: str) -> list[str]:
        lines: list[str] = []
        for fname, ft, _, desc, default in fs:
            text = with_default(desc, default, "Default: ")
            if text:
                lines += py_comment(text, indent)
            lines.append(f"{indent}{fname}: {py_type(m, ft)}")
        return lines

    def functional(fs: list, indent: str) -> list[str]:
        lines: list[str] = []
        for fname, ft, _, desc, default in fs:
            text = with_default(desc, default, "Default: ")
            if text:
                lines += py_comment(text, indent)
            lines.append(f"{indent}{py_lit(fname)}: {py_type(m, ft)},")
        return lines

    out: list[str] = []
    doc_lines = py_docstring(description or f"The {name} shape.", "    ")
    if all(py_plain(f[0]) for f in named[1]):
        if required and optional:
            out.append(f"class _{name}Optional(TypedDict, total=False):")
            out += py_docstring(f"The optional keys of :class:`{name}`.", "    ")
            out += body(optional, "    ")
            out += ["", "", f"class {name}(_{name}Optional):"] + doc_lines + body(required, "    ")
        elif optional:
            out += [f"class {name}(TypedDict, total=False):"] + doc_lines + body(optional, "    ")
        else:
            out += [f"class {name}(TypedDict):"] + doc_lines + body(required, "    ")
        return out
    # Keys that are not identifiers: the functional syntax for the keys, a class for the doc.
    bases = []
    if required:
        out += [f'_{name}Required = TypedDict("_{name}Required", {{'] + functional(required, "    ") + ["})"]
        bases.append(f"_{name}Required")
    if optional:
        out += [f'_{name}Optional = TypedDict("_{name}Optional", {{'] + functional(optional, "    ") + ["}, total=False)"]
        bases.append(f"_{name}Optional")
    if not bases:
        out.append(f'_{name}Keys = TypedDict("_{name}Keys", {{}})')
        bases.append(f"_{name}Keys")
    out += ["", "", f"class {name}({', '.join(bases)}):"] + doc_lines
    return out


def python(m: Model) -> str:
    ordered = m.ordered()
    names = ["Kind"] + [name for name, _, _ in ordered]
    body = ["", "__all__ = ["]
    body += [f'    "{n}",' for n in sorted(names)]
    body += ["]", "", "# The decision kinds (``KINDS``).", "Kind: TypeAlias = Literal["]
    body += [f'    "{k}",' for k in m.kinds]
    body.append("]")
    for name, doc, def_name in ordered:
        body += ["", ""]
        body += py_decl(m, name, doc, def_name)
    code = "\n".join(line for line in body if not line.lstrip().startswith("#"))
    used = [n for n in ("Dict", "List", "Literal", "Optional", "TypedDict", "Union")
            if re.search(rf"\b{n}\b", code)]
    head = [
        '"""kefu\'s request, decision, lean and policy shapes as ``TypedDict`` classes, generated by',
        "core/tools/gen_types.py from schemas/*.schema.json (themselves derived from core's Rust",
        "types). Do not edit: regenerate with ``python3 core/tools/gen_types.py``",
        "(python/tests/test_types.py fails while this file is stale).",
        "",
        "``kefu`` re-exports every name here: ``from kefu import ReturnRequest, ReturnDecision``.",
        "A key that may be left out is in a ``total=False`` base class (``NotRequired`` needs",
        "Python 3.11 and kefu supports 3.10); enums are ``Literal`` aliases; ``Optional`` marks",
        "a value that may be null (``None``).",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        f"from typing import {', '.join(sorted(used + ['TypeAlias']))}",
    ]
    return "\n".join(head + body) + "\n"


# ---- Main ------------------------------------------------------------------------------------


def outputs() -> dict[pathlib.Path, str]:
    m = Model()
    ts = typescript(m)
    out = {path: ts for path in TS_OUTS}
    out[PY_OUT] = python(m)
    return out


def main(argv: list[str]) -> int:
    check = "--check" in argv[1:]
    try:
        files = outputs()
    except SchemaError as e:
        print(f"gen_types: {e}", file=sys.stderr)
        return 2
    stale = []
    for path, text in files.items():
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old == text:
            continue
        stale.append(path.relative_to(ROOT))
        if not check:
            path.write_text(text, encoding="utf-8")
    if check and stale:
        print("gen_types: stale (run python3 core/tools/gen_types.py): "
              + ", ".join(map(str, stale)), file=sys.stderr)
        return 1
    if not check:
        print(f"gen_types: {len(files)} files, {len(stale)} rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
