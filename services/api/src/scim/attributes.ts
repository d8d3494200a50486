/**
 * The User attributes a filter or sortBy may name, each with its SCIM type, whether it compares
 * case-exactly (RFC 7643 §2.2), and the column of the SCIM users relation (store.ts, `b.*`) that
 * holds it. Names are case-insensitive and may carry their schema's URN (RFC 7644 §3.10).
 */
import { raw, type Sql } from "@hub/db";
import type { AttrPath } from "./filter";
import { CORE_USER, ENTERPRISE_USER, HUB_USER } from "./schemas";

export interface FilterAttribute {
  /** The attribute as the answers spell it, for messages. */
  name: string;
  type: "string" | "boolean" | "dateTime";
  caseExact: boolean;
  column: Sql;
}

const col = (c: string) => raw(`b.${c}`);
const str = (name: string, column: Sql, caseExact = false): FilterAttribute => ({ name, type: "string", caseExact, column });

// Each multi-valued attribute holds one value here (a person has one e-mail), so `emails.type`
// is a constant of that one value and `emails[type eq "work"]` is a condition on the same row.
const ATTRIBUTES: Record<string, FilterAttribute> = {
  id: str("id", col("id"), true),
  externalid: str("externalId", col("external_id"), true),
  username: str("userName", col("user_name")),
  displayname: str("displayName", col("display_name")),
  "name.formatted": str("name.formatted", col("display_name")),
  "name.givenname": str("name.givenName", col("given_name")),
  "name.familyname": str("name.familyName", col("family_name")),
  emails: str("emails.value", col("user_name")),
  "emails.value": str("emails.value", col("user_name")),
  "emails.type": str("emails.type", raw("'work'::text")),
  "emails.primary": { name: "emails.primary", type: "boolean", caseExact: true, column: raw("true") },
  active: { name: "active", type: "boolean", caseExact: true, column: col("active") },
  "meta.created": { name: "meta.created", type: "dateTime", caseExact: true, column: col("created") },
  "meta.lastmodified": { name: "meta.lastModified", type: "dateTime", caseExact: true, column: col("last_modified") },
  "meta.resourcetype": str("meta.resourceType", raw("'User'::text"), true),
  [`${ENTERPRISE_USER}:organization`.toLowerCase()]: str(`${ENTERPRISE_USER}:organization`, col("org_code")),
  [`${HUB_USER}:organization`.toLowerCase()]: str(`${HUB_USER}:organization`, col("org_code")),
  [`${HUB_USER}:role`.toLowerCase()]: str(`${HUB_USER}:role`, col("role")),
  [`${HUB_USER}:nameko`.toLowerCase()]: str(`${HUB_USER}:nameKo`, col("name_ko"), true),
};

export const FILTERABLE = [...new Set(Object.values(ATTRIBUTES).map((a) => a.name))];

/** The attribute a path names, `within` a value filter's attribute; undefined: none this service filters on. */
export function filterAttribute(path: AttrPath, within?: AttrPath): FilterAttribute | undefined {
  let urn = (within ?? path).urn?.toLowerCase() ?? null;
  if (urn === CORE_USER.toLowerCase()) urn = null;
  if (path.attr === null) return undefined;
  const names = within ? [within.attr, path.attr, path.sub] : [path.attr, path.sub];
  const key = names
    .filter((n) => n !== null)
    .join(".")
    .toLowerCase();
  return ATTRIBUTES[urn ? `${urn}:${key}` : key];
}
