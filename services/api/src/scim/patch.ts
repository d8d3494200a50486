/**
 * PATCH (RFC 7644 §3.5.2) applied to a User resource as JSON: pure. The result is then written
 * as a PUT of it would be (plugin.ts), so PATCH and PUT share one mapping to the directory. Paths
 * may name an attribute, a sub-attribute, an extension's attribute (`urn:…:User:organization`),
 * an extension whole, or elements of a multi-valued attribute (`emails[type eq "work"].value`);
 * without a path, the value's attributes are each patched in turn.
 */
import { ScimError } from "./errors";
import { type AttrPath, type Filter, type Literal, parsePatchPath } from "./filter";
import { field, type Json, type JsonObject } from "./resource";
import { CORE_USER, ENTERPRISE_USER, HUB_USER, PATCH_OP } from "./schemas";

export const MAX_OPERATIONS = 100;

/** The attributes PATCH may name (lower case), by schema; id and meta are read-only. */
const KNOWN: Record<string, Record<string, string[] | null>> = {
  [CORE_USER.toLowerCase()]: {
    id: null,
    meta: null,
    externalid: null,
    username: null,
    name: ["formatted", "givenname", "familyname"],
    displayname: null,
    emails: ["value", "type", "primary"],
    active: null,
  },
  [ENTERPRISE_USER.toLowerCase()]: { organization: null },
  [HUB_USER.toLowerCase()]: { organization: null, role: null, nameko: null },
};
const READ_ONLY = new Set(["id", "meta"]);

type Op = "add" | "remove" | "replace";

const isObject = (v: Json | undefined): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);
const same = (a: Json | undefined, b: Json | undefined) => JSON.stringify(a) === JSON.stringify(b);
const keyOf = (o: JsonObject, name: string) => Object.keys(o).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
const invalidPath = (m: string) => new ScimError(400, m, "invalidPath");
const noTarget = (m: string) => new ScimError(400, m, "noTarget");

/** Whether an element of a multi-valued attribute matches a value filter (strings compare case-insensitively). */
export function matches(f: Filter, el: Json): boolean {
  if (!isObject(el)) return false;
  switch (f.op) {
    case "and":
      return matches(f.left, el) && matches(f.right, el);
    case "or":
      return matches(f.left, el) || matches(f.right, el);
    case "not":
      return !matches(f.filter, el);
    case "valuePath":
      return false;
    case "pr": {
      const v = field(el, f.path.attr ?? "");
      return v !== undefined && v !== null && v !== "";
    }
    default: {
      const v = field(el, f.path.attr ?? "");
      return compare(f.op, v, f.value);
    }
  }
}

function compare(op: string, v: Json | undefined, want: Literal): boolean {
  const norm = (x: Json | undefined | Literal) => (typeof x === "string" ? x.toLowerCase() : x);
  const a = norm(v);
  const b = norm(want);
  if (op === "eq") return a === b || (a === undefined && b === null);
  if (op === "ne") return !(a === b || (a === undefined && b === null));
  if (typeof a !== "string" || typeof b !== "string") {
    if (typeof a === "number" && typeof b === "number")
      return op === "gt" ? a > b : op === "ge" ? a >= b : op === "lt" ? a < b : op === "le" ? a <= b : false;
    return false;
  }
  switch (op) {
    case "co":
      return a.includes(b);
    case "sw":
      return a.startsWith(b);
    case "ew":
      return a.endsWith(b);
    case "gt":
      return a > b;
    case "ge":
      return a >= b;
    case "lt":
      return a < b;
    case "le":
      return a <= b;
    default:
      return false;
  }
}

/** The schema, attribute and sub-attribute a path names, checked against what this service has. */
function target(path: AttrPath, text: string) {
  const urn = (path.urn ?? CORE_USER).toLowerCase();
  const known = KNOWN[urn];
  if (!known) throw invalidPath(`The PATCH path "${text}" names the schema ${path.urn}, which Users do not have`);
  const ext = urn === CORE_USER.toLowerCase() ? null : ([ENTERPRISE_USER, HUB_USER].find((u) => u.toLowerCase() === urn) as string);
  if (path.attr === null) return { ext, attr: null, sub: null };
  const subs = known[path.attr.toLowerCase()];
  if (subs === undefined)
    throw invalidPath(`The PATCH path "${text}" names ${path.attr}, which is not an attribute this service keeps (see /scim/v2/Schemas)`);
  if (path.sub !== null && !subs?.includes(path.sub.toLowerCase()))
    throw invalidPath(`The PATCH path "${text}" names ${path.attr}.${path.sub}, which is not a sub-attribute this service keeps`);
  if (READ_ONLY.has(path.attr.toLowerCase())) return { ext, attr: path.attr, sub: path.sub, readOnly: true };
  return { ext, attr: path.attr, sub: path.sub };
}

/** Sets `name` in `o`, merging sub-attributes into a complex value and appending to a multi-valued one on add. */
function put(o: JsonObject, name: string, value: Json, op: Op) {
  const key = keyOf(o, name);
  const cur = o[key];
  if (Array.isArray(cur) && op === "add") {
    const more = Array.isArray(value) ? value : [value];
    o[key] = [...cur, ...more.filter((v) => !cur.some((c) => same(c, v)))];
  } else if (isObject(cur) && isObject(value)) {
    const merged: JsonObject = { ...cur };
    for (const [k, v] of Object.entries(value)) merged[keyOf(merged, k)] = v;
    o[key] = merged;
  } else {
    o[key] = value;
  }
}

function applyOne(resource: JsonObject, op: Op, pathText: string, value: Json | undefined) {
  const { path, filter, subAfterFilter } = parsePatchPath(pathText);
  const t = target(path, pathText);
  if ("readOnly" in t) {
    const cur = field(resource, t.attr as string);
    if (op === "remove" || !same(cur, value)) throw new ScimError(400, `${t.attr} is read-only: it cannot be changed`, "mutability");
    return;
  }
  if (op !== "remove" && value === undefined) throw new ScimError(400, `The "${op}" of "${pathText}" has no value`, "invalidValue");
  let container = resource;
  if (t.ext !== null) {
    const ext = field(resource, t.ext);
    if (!isObject(ext)) {
      if (op === "remove") return;
      resource[keyOf(resource, t.ext)] = {};
    }
    container = field(resource, t.ext) as JsonObject;
    if (t.attr === null) {
      if (op === "remove") delete resource[keyOf(resource, t.ext)];
      else if (!isObject(value)) throw new ScimError(400, `${t.ext} takes an object of its attributes`, "invalidValue");
      else put(resource, t.ext, value, op);
      return;
    }
  }
  const attr = t.attr as string;
  const sub = filter ? subAfterFilter : t.sub;
  if (filter) {
    const cur = field(container, attr);
    const elements = Array.isArray(cur) ? cur : [];
    const hit = elements.filter((el) => matches(filter, el));
    if (hit.length === 0) throw noTarget(`The PATCH path "${pathText}" matches no value`);
    container[keyOf(container, attr)] = elements.flatMap((el): Json[] => {
      if (!hit.includes(el)) return [el];
      if (op === "remove" && sub === null) return [];
      const copy = { ...(el as JsonObject) };
      if (sub === null) {
        // The matched value replaced: its sub-attributes merged with the new ones (RFC 7644 §3.5.2.3).
        if (!isObject(value)) return [value as Json];
        for (const [k, v] of Object.entries(value)) copy[keyOf(copy, k)] = v;
        return [copy];
      }
      if (op === "remove") delete copy[keyOf(copy, sub)];
      else copy[keyOf(copy, sub)] = value as Json;
      return [copy];
    });
    return;
  }
  if (sub !== null) {
    const cur = field(container, attr);
    if (Array.isArray(cur)) {
      // A sub-attribute of every value of a multi-valued attribute.
      container[keyOf(container, attr)] = cur.map((el) => {
        if (!isObject(el)) return el;
        const copy = { ...el };
        if (op === "remove") delete copy[keyOf(copy, sub)];
        else copy[keyOf(copy, sub)] = value as Json;
        return copy;
      });
      return;
    }
    if (op === "remove") {
      if (isObject(cur)) delete cur[keyOf(cur, sub)];
      return;
    }
    const obj = isObject(cur) ? cur : {};
    obj[keyOf(obj, sub)] = value as Json;
    container[keyOf(container, attr)] = obj;
    return;
  }
  if (op === "remove") delete container[keyOf(container, attr)];
  else put(container, attr, value as Json, op);
}

/** The paths a value without a path stands for: its attributes, an extension's one by one. */
function pathsOf(value: JsonObject): [string, Json][] {
  return Object.entries(value).flatMap(([k, v]): [string, Json][] => {
    if (k.toLowerCase() === "schemas") return [];
    const ext = [ENTERPRISE_USER, HUB_USER].find((u) => u.toLowerCase() === k.toLowerCase());
    if (ext && isObject(v)) return Object.entries(v).map(([a, x]): [string, Json] => [`${ext}:${a}`, x]);
    if (isObject(v) && k.toLowerCase() === "name") return Object.entries(v).map(([a, x]): [string, Json] => [`name.${a}`, x]);
    return [[k, v]];
  });
}

/** The resource after every operation of a PatchOp message; any fault is a SCIM 400 and nothing is applied. */
export function applyPatch(resource: JsonObject, body: unknown): JsonObject {
  if (!isObject(body as Json)) throw new ScimError(400, "The body must be a PatchOp message", "invalidSyntax");
  const msg = body as JsonObject;
  const schemas = field(msg, "schemas");
  if (!Array.isArray(schemas) || !schemas.includes(PATCH_OP)) throw new ScimError(400, `schemas must be ["${PATCH_OP}"]`, "invalidSyntax");
  const ops = field(msg, "Operations");
  if (!Array.isArray(ops) || ops.length === 0) throw new ScimError(400, "Operations must be a list of at least one operation", "invalidSyntax");
  if (ops.length > MAX_OPERATIONS) throw new ScimError(400, `Operations holds more than ${MAX_OPERATIONS} operations`, "tooMany");
  const out = structuredClone(resource);
  ops.forEach((o, i) => {
    if (!isObject(o)) throw new ScimError(400, `Operations[${i}] must be an object`, "invalidSyntax");
    const opName = field(o, "op");
    const op = typeof opName === "string" ? (opName.toLowerCase() as Op) : undefined;
    if (op !== "add" && op !== "remove" && op !== "replace")
      throw new ScimError(400, `Operations[${i}].op must be add, remove or replace`, "invalidSyntax");
    const path = field(o, "path");
    const value = field(o, "value");
    if (path !== undefined && path !== null) {
      if (typeof path !== "string") throw invalidPath(`Operations[${i}].path must be a string`);
      applyOne(out, op, path, value);
      return;
    }
    if (op === "remove") throw noTarget(`Operations[${i}] removes, and needs a path to say what`);
    if (!isObject(value)) throw new ScimError(400, `Operations[${i}] has no path, so its value must be an object of attributes`, "invalidValue");
    for (const [p, v] of pathsOf(value)) applyOne(out, op, p, v);
  });
  return out;
}
