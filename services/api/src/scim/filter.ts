/**
 * SCIM filters and PATCH paths (RFC 7644 §3.4.2.2 and §3.5.2, Figures 1 and 4) parsed into a
 * tree: pure, no knowledge of which attributes exist (attributes.ts resolves names, sql-filter.ts
 * compiles the tree). Anything that is not the grammar is an `invalidFilter` (or, for a PATCH
 * path, `invalidPath`) naming where it went wrong. Bounded: a filter longer, deeper or with more
 * terms than the limits below is refused before it costs anything.
 */
import { unstorableText } from "@hub/contracts";
import { invalidFilter, ScimError } from "./errors";
import { USER_SCHEMAS } from "./schemas";

export const FILTER_LIMITS = { length: 2000, depth: 16, terms: 64 } as const;

/** `urn:…:User:name.familyName` → urn, attr name, sub. `attr` null: the path names a whole extension. */
export interface AttrPath {
  urn: string | null;
  attr: string | null;
  sub: string | null;
}

export type CompareOp = "eq" | "ne" | "co" | "sw" | "ew" | "gt" | "ge" | "lt" | "le";
export type Literal = string | number | boolean | null;

export type Filter =
  | { op: "and" | "or"; left: Filter; right: Filter }
  | { op: "not"; filter: Filter }
  | { op: "pr"; path: AttrPath }
  | { op: CompareOp; path: AttrPath; value: Literal }
  /** `emails[type eq "work"]`: the inner filter applies to the elements of `path`. */
  | { op: "valuePath"; path: AttrPath; filter: Filter };

const COMPARE_OPS = new Set<string>(["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"]);
const ATTR_NAME = /^(?:[A-Za-z][A-Za-z0-9_-]*|\$ref)$/;

type Token = { kind: "(" | ")" | "[" | "]"; at: number } | { kind: "word"; text: string; at: number } | { kind: "string"; value: string; at: number };

function tokenize(text: string, fail: (m: string) => ScimError): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
    } else if (c === "(" || c === ")" || c === "[" || c === "]") {
      tokens.push({ kind: c, at: i });
      i++;
    } else if (c === '"') {
      // A JSON string: read to the closing quote that is not escaped, then let JSON decode it.
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      if (j >= text.length) throw fail(`the string starting at character ${i + 1} is not closed`);
      let value: unknown;
      try {
        value = JSON.parse(text.slice(i, j + 1));
      } catch {
        throw fail(`the string starting at character ${i + 1} is not a valid JSON string`);
      }
      // NUL and unpaired surrogates: PostgreSQL's text holds neither, so no attribute could equal them.
      const unstorable = unstorableText(value as string);
      if (unstorable) throw fail(`the string starting at character ${i + 1} ${unstorable}`);
      tokens.push({ kind: "string", value: value as string, at: i });
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length && !' \t\n\r()[]"'.includes(text[j] as string)) j++;
      tokens.push({ kind: "word", text: text.slice(i, j), at: i });
      i = j;
    }
  }
  return tokens;
}

/** `name.familyName`, `urn:…:enterprise:2.0:User:department`, or a schema URN alone. */
export function parseAttrPath(word: string, fail: (m: string) => ScimError): AttrPath {
  const whole = USER_SCHEMAS.find((u) => u.toLowerCase() === word.toLowerCase());
  if (whole) return { urn: whole, attr: null, sub: null };
  const colon = word.lastIndexOf(":");
  const urn = colon >= 0 ? word.slice(0, colon) : null;
  const names = (colon >= 0 ? word.slice(colon + 1) : word).split(".");
  if (urn !== null && !/^urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[A-Za-z0-9()+,\-.:=@;$_!*'%/?#]+$/i.test(urn))
    throw fail(`"${clip(word)}" is not an attribute path: its schema is not a URN`);
  if (names.length > 2 || !names.every((n) => ATTR_NAME.test(n))) throw fail(`"${clip(word)}" is not an attribute path`);
  return { urn, attr: names[0] as string, sub: names[1] ?? null };
}

const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 60)}…` : s);

class Parser {
  private i = 0;
  private terms = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly fail: (m: string) => ScimError,
  ) {}

  get done() {
    return this.i >= this.tokens.length;
  }
  peek(): Token | undefined {
    return this.tokens[this.i];
  }
  private next(): Token | undefined {
    return this.tokens[this.i++];
  }
  private isWord(t: Token | undefined, w: string): boolean {
    return t?.kind === "word" && t.text.toLowerCase() === w;
  }
  private where(t: Token | undefined): string {
    return t ? `at character ${t.at + 1}` : "at the end";
  }
  private expect(kind: ")" | "]") {
    const t = this.next();
    if (t?.kind !== kind) throw this.fail(`expected "${kind}" ${this.where(t)}`);
  }

  /** FILTER: `or` binds loosest, then `and`, then `not`, attribute expressions and groups. */
  filter(depth: number, inValuePath: boolean): Filter {
    if (depth > FILTER_LIMITS.depth) throw this.fail(`nests deeper than ${FILTER_LIMITS.depth} levels`);
    let left = this.and(depth, inValuePath);
    while (this.isWord(this.peek(), "or")) {
      this.i++;
      left = { op: "or", left, right: this.and(depth, inValuePath) };
    }
    return left;
  }
  private and(depth: number, inValuePath: boolean): Filter {
    let left = this.unary(depth, inValuePath);
    while (this.isWord(this.peek(), "and")) {
      this.i++;
      left = { op: "and", left, right: this.unary(depth, inValuePath) };
    }
    return left;
  }
  private unary(depth: number, inValuePath: boolean): Filter {
    const t = this.peek();
    if (this.isWord(t, "not") && this.tokens[this.i + 1]?.kind === "(") {
      this.i += 2;
      const filter = this.filter(depth + 1, inValuePath);
      this.expect(")");
      return { op: "not", filter };
    }
    if (
      this.isWord(t, "not") &&
      this.tokens[this.i + 1]?.kind === "word" &&
      !/^(pr|eq|ne|co|sw|ew|gt|ge|lt|le)$/i.test((this.tokens[this.i + 1] as { text: string }).text)
    )
      throw this.fail(`"not" takes a filter in parentheses, as in not (userName eq "x"), ${this.where(t)}`);
    if (t?.kind === "(") {
      this.i++;
      const f = this.filter(depth + 1, inValuePath);
      this.expect(")");
      return f;
    }
    return this.attrExp(depth, inValuePath);
  }
  private attrExp(depth: number, inValuePath: boolean): Filter {
    const t = this.next();
    if (t?.kind !== "word") throw this.fail(`expected an attribute path ${this.where(t)}`);
    if (++this.terms > FILTER_LIMITS.terms) throw this.fail(`has more than ${FILTER_LIMITS.terms} terms`);
    const path = parseAttrPath(t.text, this.fail);
    if (path.attr === null) throw this.fail(`"${clip(t.text)}" names a schema, not an attribute`);
    if (this.peek()?.kind === "[") {
      if (inValuePath) throw this.fail(`a value filter cannot hold another ${this.where(this.peek())}`);
      if (path.sub !== null) throw this.fail(`"${clip(t.text)}[" filters a sub-attribute's values; filter the attribute's`);
      this.i++;
      const filter = this.filter(depth + 1, true);
      this.expect("]");
      return { op: "valuePath", path, filter };
    }
    const o = this.next();
    if (o?.kind !== "word") throw this.fail(`expected an operator after "${clip(t.text)}" ${this.where(o)}`);
    const op = o.text.toLowerCase();
    if (op === "pr") return { op: "pr", path };
    if (!COMPARE_OPS.has(op)) throw this.fail(`"${clip(o.text)}" is not an operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr)`);
    return { op: op as CompareOp, path, value: this.literal() };
  }
  private literal(): Literal {
    const v = this.next();
    if (v?.kind === "string") return v.value;
    if (v?.kind === "word") {
      const w = v.text;
      if (w === "true") return true;
      if (w === "false") return false;
      if (w === "null") return null;
      // RFC 7159 numbers only (no hex, no leading zeros, no Infinity).
      if (/^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(w)) return Number(w);
      throw this.fail(`"${clip(w)}" is not a value: strings are quoted ("…"); or true, false, null, a number`);
    }
    throw this.fail(`expected a value ${this.where(v)}`);
  }
}

/** Parses a `filter` query parameter; a SCIM 400 `invalidFilter` when it is not one. */
export function parseFilter(text: string): Filter {
  const fail = (m: string) => invalidFilter(`The filter is invalid: ${m}`);
  if (text.length > FILTER_LIMITS.length) throw fail(`it is longer than ${FILTER_LIMITS.length} characters`);
  const p = new Parser(tokenize(text, fail), fail);
  if (p.done) throw fail("it is empty");
  const f = p.filter(0, false);
  if (!p.done) {
    const t = p.peek() as Token;
    throw fail(`unexpected ${t.kind === "word" ? `"${clip(t.text)}"` : t.kind === "string" ? "string" : `"${t.kind}"`} at character ${t.at + 1}`);
  }
  return f;
}

/** A PATCH `path` (RFC 7644 §3.5.2 Figure 4): `attr`, `attr.sub`, `attr[filter]`, `attr[filter].sub`. */
export interface PatchPath {
  path: AttrPath;
  filter: Filter | null;
  /** The sub-attribute after a value filter (`emails[type eq "work"].value`). */
  subAfterFilter: string | null;
}

export function parsePatchPath(text: string): PatchPath {
  const fail = (m: string) => new ScimError(400, `The PATCH path "${clip(text)}" is invalid: ${m}`, "invalidPath");
  if (text.length > FILTER_LIMITS.length) throw fail(`it is longer than ${FILTER_LIMITS.length} characters`);
  const open = text.indexOf("[");
  if (open < 0) {
    if (!/^\S+$/.test(text)) throw fail("it is not an attribute path");
    return { path: parseAttrPath(text, fail), filter: null, subAfterFilter: null };
  }
  const close = text.lastIndexOf("]");
  if (close < open) throw fail('the value filter is not closed by "]"');
  const path = parseAttrPath(text.slice(0, open), fail);
  if (path.attr === null || path.sub !== null) throw fail("a value filter follows an attribute's name");
  const rest = text.slice(close + 1);
  if (rest !== "" && !/^\.[A-Za-z][A-Za-z0-9_-]*$/.test(rest)) throw fail(`"${clip(rest)}" after the value filter is not ".subAttribute"`);
  let filter: Filter;
  try {
    const inner = text.slice(open + 1, close);
    const p = new Parser(tokenize(inner, fail), fail);
    if (p.done) throw fail("the value filter is empty");
    filter = p.filter(0, true);
    if (!p.done) throw fail("the value filter has more after its end");
  } catch (err) {
    // The value filter's own faults are the path's (RFC 7644 §3.5.2: invalidPath or invalidFilter).
    throw err instanceof ScimError ? new ScimError(400, err.message, "invalidFilter") : err;
  }
  return { path, filter, subAfterFilter: rest === "" ? null : rest.slice(1) };
}
