/**
 * `attributes` and `excludedAttributes` (RFC 7644 §3.4.2.5, §3.9): which attributes of a resource
 * an answer carries. `id` and `schemas` are always returned; names are case-insensitive and may
 * carry their schema's URN or name an extension whole.
 */
import { invalidValue } from "./errors";
import { type AttrPath, parseAttrPath } from "./filter";
import { field, type Json, type JsonObject } from "./resource";
import { CORE_USER } from "./schemas";

const ALWAYS = new Set(["id", "schemas"]);

export function parseAttributeList(text: string | undefined, param: string): AttrPath[] | null {
  if (text === undefined || text.trim() === "") return null;
  if (text.length > 2000) throw invalidValue(`${param} is longer than 2000 characters`);
  return text.split(",").map((s) => parseAttrPath(s.trim(), (m) => invalidValue(`${param}: ${m}`)));
}

const isObject = (v: Json | undefined): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);
const keyOf = (o: JsonObject, name: string) => Object.keys(o).find((k) => k.toLowerCase() === name.toLowerCase());

/** The object a path's attribute lives in (the resource, or its extension's object), and the extension's key. */
function home(resource: JsonObject, p: AttrPath): { obj: JsonObject | undefined; extKey: string | undefined } {
  if (p.urn === null || p.urn.toLowerCase() === CORE_USER.toLowerCase()) return { obj: resource, extKey: undefined };
  const extKey = keyOf(resource, p.urn);
  const ext = extKey === undefined ? undefined : resource[extKey];
  return { obj: isObject(ext) ? ext : undefined, extKey };
}

function pick(resource: JsonObject, out: JsonObject, p: AttrPath) {
  const { obj, extKey } = home(resource, p);
  if (!obj) return;
  if (p.attr === null) {
    if (extKey) out[extKey] = obj;
    return;
  }
  const key = keyOf(obj, p.attr);
  if (key === undefined) return;
  if (extKey && !isObject(out[extKey])) out[extKey] = {};
  const dest = extKey ? (out[extKey] as JsonObject) : out;
  const value = obj[key] as Json;
  if (p.sub === null) {
    dest[key] = value;
    return;
  }
  const sub = p.sub;
  const subOf = (el: Json): JsonObject => {
    if (!isObject(el)) return {};
    const k = keyOf(el, sub);
    return k === undefined ? {} : { [k]: el[k] as Json };
  };
  if (Array.isArray(value)) dest[key] = value.map(subOf);
  else if (isObject(value)) dest[key] = { ...(isObject(dest[key]) ? (dest[key] as JsonObject) : {}), ...subOf(value) };
}

function drop(resource: JsonObject, p: AttrPath) {
  const { obj, extKey } = home(resource, p);
  if (!obj) return;
  if (p.attr === null) {
    if (extKey) delete resource[extKey];
    return;
  }
  if (!extKey && ALWAYS.has(p.attr.toLowerCase())) return;
  const key = keyOf(obj, p.attr);
  if (key === undefined) return;
  if (p.sub === null) {
    delete obj[key];
    return;
  }
  const sub = p.sub;
  const value = obj[key] as Json;
  const without = (el: Json) => {
    if (!isObject(el)) return el;
    const copy = { ...el };
    const k = keyOf(copy, sub);
    if (k !== undefined) delete copy[k];
    return copy;
  };
  obj[key] = Array.isArray(value) ? value.map(without) : without(value);
}

export function project(resource: JsonObject, attributes: AttrPath[] | null, excluded: AttrPath[] | null): JsonObject {
  if (attributes) {
    const out: JsonObject = {};
    for (const k of ["schemas", "id"]) {
      const v = field(resource, k);
      if (v !== undefined) out[k] = v;
    }
    for (const p of attributes) pick(resource, out, p);
    return out;
  }
  if (excluded) {
    const out = structuredClone(resource);
    for (const p of excluded) drop(out, p);
    return out;
  }
  return resource;
}
