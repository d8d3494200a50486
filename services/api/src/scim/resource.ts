/**
 * A person of the directory as a SCIM User (RFC 7643 §4.1), and a SCIM User body back to what
 * the directory should say of them. The mapping (docs/scim.md):
 *
 *   id                         the person's uuid
 *   userName, emails[0].value  the e-mail (lower case, the sign-in name; immutable here)
 *   displayName                the directory's `name`
 *   name.formatted/givenName/familyName  as the client sent them (scim_people), else formatted = `name`
 *   active                     `active` (false: deactivated at once, as an admin's deactivation)
 *   externalId                 the client's id for the person (scim_people)
 *   enterprise organization    the current posting's organisation code
 *   hub organization, role     the current posting; a change is a new posting from today
 *   hub nameKo                 `nameKo`
 */
import { OrgCode, PersonEmail, Role } from "@hub/contracts";
import { invalidValue, ScimError } from "./errors";
import { CORE_USER, ENTERPRISE_USER, HUB_USER } from "./schemas";
import type { UserRow } from "./store";

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

export function userResource(row: UserRow, baseUrl: string): JsonObject {
  const name: JsonObject = { formatted: row.formatted ?? row.display_name };
  if (row.given_name !== null) name.givenName = row.given_name;
  if (row.family_name !== null) name.familyName = row.family_name;
  const hub: JsonObject = {};
  if (row.org_code !== null) hub.organization = row.org_code;
  if (row.role !== null) hub.role = row.role;
  if (row.name_ko !== null) hub.nameKo = row.name_ko;
  return {
    schemas: [CORE_USER, ...(row.org_code !== null ? [ENTERPRISE_USER] : []), HUB_USER],
    id: row.id,
    ...(row.external_id !== null ? { externalId: row.external_id } : {}),
    userName: row.user_name,
    name,
    displayName: row.display_name,
    emails: [{ value: row.user_name, type: "work", primary: true }],
    active: row.active,
    ...(row.org_code !== null ? { [ENTERPRISE_USER]: { organization: row.org_code } } : {}),
    [HUB_USER]: hub,
    meta: {
      resourceType: "User",
      created: row.created.toISOString(),
      lastModified: row.last_modified.toISOString(),
      location: `${baseUrl}/Users/${row.id}`,
    },
  };
}

/** What a SCIM User body asks of the directory. `org`/`role` undefined: the posting stays as it is. */
export interface DesiredUser {
  email: string;
  name: string;
  nameKo: string | null | undefined;
  active: boolean;
  externalId: string | null;
  formatted: string | null;
  givenName: string | null;
  familyName: string | null;
  org: string | undefined;
  role: string | undefined;
}

/** A key of a SCIM object, case-insensitively (RFC 7643 §2.1: attribute names are). */
export function field(o: JsonObject, name: string): Json | undefined {
  const key = Object.keys(o).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : o[key];
}

const isObject = (v: Json | undefined): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

function text(v: Json | undefined, what: string, max: number): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== "string") throw invalidValue(`${what} must be a string`);
  const t = v.trim();
  if (t.length > max) throw invalidValue(`${what} must be at most ${max} characters`);
  return t === "" ? null : t;
}

/** RFC booleans; "True"/"False" as strings too, which some identity systems send in PATCH values. */
function bool(v: Json | undefined, what: string): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "boolean") return v;
  if (typeof v === "string" && /^(true|false)$/i.test(v)) return v.toLowerCase() === "true";
  throw invalidValue(`${what} must be true or false`);
}

function extension(body: JsonObject, urn: string): JsonObject {
  const ext = field(body, urn);
  if (ext === undefined || ext === null) return {};
  if (!isObject(ext)) throw invalidValue(`${urn} must be an object`);
  return ext;
}

/**
 * The directory's view of a User body (POST, PUT, or a resource after PATCH). Read-only
 * attributes (id, meta, emails, which follows userName) are ignored, as RFC 7644 §3.3 asks.
 */
export function desiredUser(body: JsonObject): DesiredUser {
  const schemas = field(body, "schemas");
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === "string" && s.toLowerCase() === CORE_USER.toLowerCase()))
    throw new ScimError(400, `schemas must list ${CORE_USER}`, "invalidSyntax");
  const userName = text(field(body, "userName"), "userName", 254);
  if (userName === null) throw invalidValue("userName is required: the person's e-mail address, their sign-in name in the hub");
  const email = userName.toLowerCase();
  if (!PersonEmail.safeParse(email).success)
    throw invalidValue(`userName "${userName}" must be an e-mail address: it is the person's sign-in name in the hub`);

  const nameObj = field(body, "name");
  if (nameObj !== undefined && nameObj !== null && !isObject(nameObj)) throw invalidValue("name must be an object");
  const n = isObject(nameObj) ? nameObj : {};
  const formatted = text(field(n, "formatted"), "name.formatted", 200);
  const givenName = text(field(n, "givenName"), "name.givenName", 200);
  const familyName = text(field(n, "familyName"), "name.familyName", 200);
  const displayName = text(field(body, "displayName"), "displayName", 200);
  const parts = [givenName, familyName].filter(Boolean).join(" ");
  const name = displayName ?? formatted ?? (parts || null);
  if (name === null) throw invalidValue("a name is required: displayName, name.formatted, or name.givenName and name.familyName");
  if (name.length > 200) throw invalidValue("the name must be at most 200 characters");

  const hub = extension(body, HUB_USER);
  const enterprise = extension(body, ENTERPRISE_USER);
  const hubOrg = text(field(hub, "organization"), `${HUB_USER}:organization`, 32);
  const entOrg = text(field(enterprise, "organization"), `${ENTERPRISE_USER}:organization`, 32);
  if (hubOrg !== null && entOrg !== null && hubOrg !== entOrg)
    throw invalidValue(`the hub extension's organization (${hubOrg}) and the enterprise extension's (${entOrg}) differ: give one`);
  const org = hubOrg ?? entOrg ?? undefined;
  if (org !== undefined && !OrgCode.safeParse(org).success) throw invalidValue(`organization "${org}" is not an organisation code such as EMB-US`);
  const role = text(field(hub, "role"), `${HUB_USER}:role`, 32) ?? undefined;
  if (role !== undefined && !Role.safeParse(role).success) throw invalidValue(`role "${role}" is not one of ${Role.options.join(", ")}`);
  // Without the hub's extension nameKo stays as it is; with it, an absent nameKo is none (PUT replaces).
  const hubGiven = field(body, HUB_USER) !== undefined && field(body, HUB_USER) !== null;
  const nameKo = hubGiven ? text(field(hub, "nameKo"), `${HUB_USER}:nameKo`, 200) : undefined;

  const externalId = text(field(body, "externalId"), "externalId", 256);
  return {
    email,
    name,
    nameKo,
    active: bool(field(body, "active"), "active") ?? true,
    externalId,
    // Kept only where they say more than the directory's name does.
    formatted: formatted !== null && formatted !== name ? formatted : null,
    givenName,
    familyName,
    org,
    role,
  };
}
