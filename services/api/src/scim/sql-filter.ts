/**
 * A parsed filter compiled to a SQL condition on the SCIM users relation (`b`, store.ts). Every
 * value is a parameter of the tagged template, never text of the query; columns come only from
 * attributes.ts. Logic is two-valued as SCIM's is: a comparison with an absent value is false
 * (never SQL's unknown), so `ne` and `not (…)` match the people without that value.
 */
import { join, raw, type Sql, sql } from "@hub/db";
import { FILTERABLE, type FilterAttribute, filterAttribute } from "./attributes";
import { invalidFilter, invalidValue } from "./errors";
import type { AttrPath, CompareOp, Filter, Literal } from "./filter";

const name = (p: AttrPath) => [p.urn, [p.attr, p.sub].filter(Boolean).join(".")].filter(Boolean).join(":");

function attributeOf(path: AttrPath, within?: AttrPath): FilterAttribute {
  const a = filterAttribute(path, within);
  if (!a) {
    const full = within ? `${name(within)}[${name(path)}]` : name(path);
    throw invalidFilter(`The filter is invalid: "${full}" is not an attribute a filter may name (${FILTERABLE.join(", ")})`);
  }
  return a;
}

/** `%`, `_` and `\` stand for themselves in co, sw and ew. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

// RFC 3339 date-times as SCIM writes them (meta.created: 2026-12-03T12:00:00.000Z).
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;

function dateParam(a: FilterAttribute, v: Literal): Sql {
  const t = typeof v === "string" && DATE_TIME.test(v) ? Date.parse(v) : Number.NaN;
  if (Number.isNaN(t)) throw invalidFilter(`The filter is invalid: ${a.name} is compared with a date-time such as "2026-12-03T12:00:00Z"`);
  // The columns hold UTC without a zone (the schema's convention).
  return sql`${new Date(t).toISOString().slice(0, 23)}::timestamp`;
}

const ORDERING: Record<"gt" | "ge" | "lt" | "le", string> = { gt: ">", ge: ">=", lt: "<", le: "<=" };

function comparison(a: FilterAttribute, op: CompareOp, value: Literal): Sql {
  const c = a.column;
  if (value === null) {
    // `eq null` / `ne null`: absent, present (RFC 7644 §3.4.2.2 leaves null to `pr`; this is its spelling).
    if (op === "eq") return sql`(${c} IS NULL)`;
    if (op === "ne") return sql`(${c} IS NOT NULL)`;
    throw invalidFilter(`The filter is invalid: ${a.name} ${op} null compares with no value; use "${a.name} pr" or "not (${a.name} pr)"`);
  }
  if (a.type === "boolean") {
    if (typeof value !== "boolean") throw invalidFilter(`The filter is invalid: ${a.name} is true or false, not ${JSON.stringify(value)}`);
    if (op === "eq") return sql`coalesce(${c} = ${value}, false)`;
    if (op === "ne") return sql`coalesce(${c} <> ${value}, true)`;
    throw invalidFilter(`The filter is invalid: ${a.name} is true or false: it takes eq, ne or pr, not ${op}`);
  }
  if (a.type === "dateTime") {
    const d = dateParam(a, value);
    if (op === "eq") return sql`coalesce(${c} = ${d}, false)`;
    if (op === "ne") return sql`coalesce(${c} <> ${d}, true)`;
    if (op in ORDERING) return sql`coalesce(${c} ${raw(ORDERING[op as keyof typeof ORDERING])} ${d}, false)`;
    throw invalidFilter(`The filter is invalid: ${a.name} is a date-time: it takes eq, ne, gt, ge, lt, le or pr, not ${op}`);
  }
  if (typeof value !== "string") throw invalidFilter(`The filter is invalid: ${a.name} is a string: compare it with a quoted value`);
  // caseExact false (RFC 7643 §2.2): both sides in lower case.
  const lhs = a.caseExact ? c : sql`lower(${c})`;
  const v = a.caseExact ? value : value.toLowerCase();
  switch (op) {
    case "eq":
      return sql`coalesce(${lhs} = ${v}, false)`;
    case "ne":
      return sql`coalesce(${lhs} <> ${v}, true)`;
    case "co":
      return sql`coalesce(${lhs} LIKE ${`%${likeEscape(v)}%`}, false)`;
    case "sw":
      return sql`coalesce(${lhs} LIKE ${`${likeEscape(v)}%`}, false)`;
    case "ew":
      return sql`coalesce(${lhs} LIKE ${`%${likeEscape(v)}`}, false)`;
    default:
      // Strings order lexicographically (RFC 7644 §3.4.2.2), byte by byte whatever the database's locale.
      return sql`coalesce(${lhs} COLLATE "C" ${raw(ORDERING[op])} ${v} COLLATE "C", false)`;
  }
}

function compile(f: Filter, within?: AttrPath): Sql {
  switch (f.op) {
    case "and":
    case "or":
      return sql`(${compile(f.left, within)} ${raw(f.op === "and" ? "AND" : "OR")} ${compile(f.right, within)})`;
    case "not":
      return sql`(NOT ${compile(f.filter, within)})`;
    case "valuePath":
      return compile(f.filter, f.path);
    case "pr": {
      const a = attributeOf(f.path, within);
      return a.type === "string" ? sql`coalesce(${a.column} <> '', false)` : sql`(${a.column} IS NOT NULL)`;
    }
    default:
      return comparison(attributeOf(f.path, within), f.op, f.value);
  }
}

/** The SQL condition a filter stands for; a SCIM 400 `invalidFilter` naming what is wrong. */
export function filterSql(f: Filter): Sql {
  return compile(f);
}

/** `ORDER BY` for sortBy (RFC 7644 §3.4.2.3), the id last so pages never overlap. */
export function orderSql(sortBy: AttrPath | null, descending: boolean): Sql {
  const dir = raw(descending ? "DESC" : "ASC");
  if (sortBy === null) return sql`ORDER BY b.user_name ${dir}, b.id ${dir}`;
  const a = filterAttribute(sortBy);
  if (!a) throw invalidValue(`sortBy "${name(sortBy)}" is not an attribute this service sorts on (${FILTERABLE.join(", ")})`);
  return sql`ORDER BY ${a.column} ${dir} NULLS LAST, b.id ${dir}`;
}

export const conditions = (parts: Sql[]) => join(parts, " AND ");
