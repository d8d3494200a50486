/** PATCH (RFC 7644 §3.5.2) applied to a User resource, with and without paths; the edits SCIM makes of the directory file. */
import { DirectoryFile } from "@hub/contracts";
import { describe, expect, it } from "vitest";
import { scimCreate, scimDelete, scimReplace } from "./edits";
import { ScimError } from "./errors";
import { applyPatch } from "./patch";
import { type DesiredUser, desiredUser, type JsonObject } from "./resource";
import { CORE_USER, ENTERPRISE_USER, HUB_USER, PATCH_OP } from "./schemas";

const user = (): JsonObject => ({
  schemas: [CORE_USER, ENTERPRISE_USER, HUB_USER],
  id: "7d1c3c55-9b6e-4a57-9f3e-0d7c2b2f0a11",
  externalId: "ext-1",
  userName: "kim@teamkorea.dev",
  name: { givenName: "Minji", familyName: "Kim" },
  displayName: "Minji Kim",
  emails: [{ value: "kim@teamkorea.dev", type: "work", primary: true }],
  active: true,
  [ENTERPRISE_USER]: { organization: "EMB-US" },
  [HUB_USER]: { organization: "EMB-US", role: "MISSION_STAFF" },
  meta: { resourceType: "User", created: "2026-12-01T00:00:00.000Z", lastModified: "2026-12-01T00:00:00.000Z", location: "x" },
});
const patch = (...Operations: unknown[]) => applyPatch(user(), { schemas: [PATCH_OP], Operations });

function refusal(fn: () => unknown): ScimError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ScimError) return err;
    throw err;
  }
  throw new Error("expected a SCIM error");
}

describe("applyPatch", () => {
  it("replaces an attribute and a sub-attribute by path, in any case", () => {
    const r = patch({ op: "replace", path: "displayName", value: "Minji K." }, { op: "Replace", path: "NAME.familyName", value: "Kim-Lee" });
    expect(r.displayName).toBe("Minji K.");
    expect(r.name).toEqual({ givenName: "Minji", familyName: "Kim-Lee" });
  });

  it("deactivates with and without a path, also from the string some identity systems send", () => {
    expect(patch({ op: "replace", path: "active", value: false }).active).toBe(false);
    expect(patch({ op: "replace", value: { active: false } }).active).toBe(false);
    expect(desiredUser(patch({ op: "replace", path: "active", value: "False" })).active).toBe(false);
  });

  it("merges a complex value's sub-attributes, and a value without a path attribute by attribute", () => {
    expect(patch({ op: "replace", path: "name", value: { givenName: "Min" } }).name).toEqual({ givenName: "Min", familyName: "Kim" });
    const r = patch({ op: "add", value: { name: { formatted: "Ms Kim" }, externalId: "ext-2", [HUB_USER]: { role: "AGENCY_STAFF" } } });
    expect(r.name).toEqual({ givenName: "Minji", familyName: "Kim", formatted: "Ms Kim" });
    expect(r.externalId).toBe("ext-2");
    expect(r[HUB_USER]).toEqual({ organization: "EMB-US", role: "AGENCY_STAFF" });
  });

  it("adds to and removes from a multi-valued attribute, by value filter too", () => {
    const added = patch({ op: "add", path: "emails", value: [{ value: "kim@teamkorea.dev", type: "work", primary: true }] });
    expect(added.emails).toHaveLength(1);
    const retyped = patch({ op: "replace", path: 'emails[type eq "work"].type', value: "home" });
    expect(retyped.emails).toEqual([{ value: "kim@teamkorea.dev", type: "home", primary: true }]);
    expect(patch({ op: "remove", path: 'emails[value ew "@teamkorea.dev"]' }).emails).toEqual([]);
    expect(refusal(() => patch({ op: "remove", path: 'emails[type eq "home"]' })).scimType).toBe("noTarget");
  });

  it("removes an attribute and a sub-attribute; an extension's attribute by its URN", () => {
    const r = patch({ op: "remove", path: "externalId" }, { op: "remove", path: "name.givenName" });
    expect(r.externalId).toBeUndefined();
    expect(r.name).toEqual({ familyName: "Kim" });
    const o = patch({ op: "replace", path: `${HUB_USER}:organization`, value: "KOTRA-US" });
    expect(o[HUB_USER]).toEqual({ organization: "KOTRA-US", role: "MISSION_STAFF" });
  });

  it("leaves the resource it was given as it was", () => {
    const before = user();
    applyPatch(before, { schemas: [PATCH_OP], Operations: [{ op: "remove", path: "externalId" }] });
    expect(before).toEqual(user());
  });

  it.each([
    [{ schemas: ["x"], Operations: [{ op: "add", value: {} }] }, "invalidSyntax"],
    [{ schemas: [PATCH_OP], Operations: [] }, "invalidSyntax"],
    [{ schemas: [PATCH_OP], Operations: [{ op: "move", path: "x" }] }, "invalidSyntax"],
    [{ schemas: [PATCH_OP], Operations: [{ op: "remove" }] }, "noTarget"],
    [{ schemas: [PATCH_OP], Operations: [{ op: "replace", path: "title", value: "x" }] }, "invalidPath"],
    [{ schemas: [PATCH_OP], Operations: [{ op: "replace", path: "name.middleName", value: "x" }] }, "invalidPath"],
    [{ schemas: [PATCH_OP], Operations: [{ op: "replace", path: "urn:x:y:User:z", value: "x" }] }, "invalidPath"],
    [{ schemas: [PATCH_OP], Operations: [{ op: "replace", path: "id", value: "other" }] }, "mutability"],
    [{ schemas: [PATCH_OP], Operations: [{ op: "replace", value: "not an object" }] }, "invalidValue"],
    [{ schemas: [PATCH_OP], Operations: [{ op: "add", path: "displayName" }] }, "invalidValue"],
    [{ schemas: [PATCH_OP], Operations: Array.from({ length: 101 }, () => ({ op: "remove", path: "externalId" })) }, "tooMany"],
  ])("refuses %j as %s", (body, scimType) => {
    const e = refusal(() => applyPatch(user(), body));
    expect({ status: e.status, scimType: e.scimType }).toEqual({ status: 400, scimType });
  });
});

describe("desiredUser", () => {
  it("reads what the directory keeps; emails, id and meta are read-only and ignored", () => {
    expect(desiredUser({ ...user(), userName: "Kim@TeamKorea.dev", emails: [{ value: "other@x.org" }] })).toEqual({
      email: "kim@teamkorea.dev",
      name: "Minji Kim",
      nameKo: null,
      active: true,
      externalId: "ext-1",
      formatted: null,
      givenName: "Minji",
      familyName: "Kim",
      org: "EMB-US",
      role: "MISSION_STAFF",
    });
  });
  it("takes the name from displayName, else formatted, else the parts", () => {
    expect(desiredUser({ schemas: [CORE_USER], userName: "a@b.org", name: { formatted: "F" } }).name).toBe("F");
    expect(desiredUser({ schemas: [CORE_USER], userName: "a@b.org", name: { givenName: "G", familyName: "H" } }).name).toBe("G H");
  });
  it.each([
    [{ schemas: ["x"], userName: "a@b.org", displayName: "x" }, "invalidSyntax"],
    [{ schemas: [CORE_USER], displayName: "x" }, "invalidValue"],
    [{ schemas: [CORE_USER], userName: "not-an-email", displayName: "x" }, "invalidValue"],
    [{ schemas: [CORE_USER], userName: "a@b.org" }, "invalidValue"],
    [{ schemas: [CORE_USER], userName: "a@b.org", displayName: "x", active: "maybe" }, "invalidValue"],
    [{ schemas: [CORE_USER], userName: "a@b.org", displayName: "x", [HUB_USER]: { role: "KING" } }, "invalidValue"],
    [{ schemas: [CORE_USER], userName: "a@b.org", displayName: "x", [HUB_USER]: { organization: "emb us" } }, "invalidValue"],
    [
      {
        schemas: [CORE_USER],
        userName: "a@b.org",
        displayName: "x",
        [HUB_USER]: { organization: "EMB-US" },
        [ENTERPRISE_USER]: { organization: "EMB-JP" },
      },
      "invalidValue",
    ],
  ])("refuses %j as %s", (body, scimType) => {
    expect(refusal(() => desiredUser(body as JsonObject)).scimType).toBe(scimType);
  });
});

describe("SCIM's edits of the directory file", () => {
  const today = "2026-12-03";
  // Through the file's schema, so fields the format gains later take their defaults.
  const file = (): DirectoryFile =>
    DirectoryFile.parse({
      format: "team-korea-hub/directory@1",
      organizations: [
        {
          code: "EMB-US",
          kind: "MISSION",
          missionKind: "EMBASSY",
          nameKo: "a",
          nameEn: "a",
          country: "US",
          network: "MOFA",
          timeZone: "UTC",
          leadsTeam: true,
          teamLead: null,
          closed: false,
        },
        {
          code: "EMB-XX",
          kind: "MISSION",
          missionKind: "EMBASSY",
          nameKo: "x",
          nameEn: "x",
          country: "XX",
          network: "MOFA",
          timeZone: "UTC",
          leadsTeam: true,
          teamLead: null,
          closed: true,
        },
        {
          code: "KOTRA-US",
          kind: "AGENCY",
          missionKind: null,
          nameKo: "k",
          nameEn: "k",
          country: "US",
          network: "KOTRA",
          timeZone: "UTC",
          leadsTeam: false,
          teamLead: null,
          closed: false,
        },
      ],
      duties: [],
      people: [
        {
          email: "kim@teamkorea.dev",
          name: "Minji Kim",
          nameKo: null,
          active: true,
          postings: [
            { org: "KOTRA-US", role: "AGENCY_STAFF", from: "2019-01-01", until: "2020-12-31" },
            { org: "EMB-US", role: "MISSION_STAFF", from: "2021-01-01", until: null },
          ],
        },
      ],
    });
  const desired = (d: Partial<DesiredUser>): DesiredUser => ({
    email: "kim@teamkorea.dev",
    name: "Minji Kim",
    nameKo: undefined,
    active: true,
    externalId: null,
    formatted: null,
    givenName: null,
    familyName: null,
    org: undefined,
    role: undefined,
    ...d,
  });
  const kim = (f: DirectoryFile) => f.people.find((p) => p.email === "kim@teamkorea.dev");

  it("creates a person with a first posting from today, inactive if asked; without one, a sentence", () => {
    const f = scimCreate(file(), desired({ email: "new@teamkorea.dev", name: "New", org: "EMB-US", role: "MISSION_STAFF", active: false }), today);
    expect(f.people.at(-1)).toEqual({
      email: "new@teamkorea.dev",
      name: "New",
      nameKo: null,
      active: false,
      postings: [{ org: "EMB-US", role: "MISSION_STAFF", from: today, until: null }],
    });
    expect(refusal(() => scimCreate(file(), desired({ email: "n@t.dev" }), today)).message).toContain("needs their first posting");
    expect(refusal(() => scimCreate(file(), desired({ email: "n@t.dev", org: "EMB-NO", role: "MISSION_STAFF" }), today)).message).toContain(
      "not an organisation",
    );
    expect(refusal(() => scimCreate(file(), desired({ email: "n@t.dev", org: "EMB-XX", role: "MISSION_STAFF" }), today)).message).toContain("closed");
    expect(refusal(() => scimCreate(file(), desired({ email: "n@t.dev", org: "EMB-US", role: "ADMIN" }), today)).message).toContain("administrator");
  });

  it("replaces names and activity; a new organisation or role is a new posting from today", () => {
    const f = scimReplace(file(), desired({ name: "Minji Kim-Lee", active: false, org: "KOTRA-US", role: "AGENCY_STAFF" }), today);
    expect(kim(f)).toMatchObject({ name: "Minji Kim-Lee", active: false });
    expect(kim(f)?.postings.slice(1)).toEqual([
      { org: "EMB-US", role: "MISSION_STAFF", from: "2021-01-01", until: "2026-12-02" },
      { org: "KOTRA-US", role: "AGENCY_STAFF", from: today, until: null },
    ]);
    // The same posting again changes nothing of the postings.
    expect(kim(scimReplace(file(), desired({ org: "EMB-US", role: "MISSION_STAFF" }), today))?.postings).toEqual(kim(file())?.postings);
  });

  it("replaces a posting that started today rather than ending it before it began", () => {
    const f = scimCreate(file(), desired({ email: "new@teamkorea.dev", name: "New", org: "EMB-US", role: "MISSION_STAFF" }), today);
    const g = scimReplace(f, desired({ email: "new@teamkorea.dev", name: "New", role: "MISSION_HEAD" }), today);
    expect(g.people.at(-1)?.postings).toEqual([{ org: "EMB-US", role: "MISSION_HEAD", from: today, until: null }]);
  });

  it("deletes as leaving: deactivated, the current posting ended yesterday, history kept", () => {
    expect(kim(scimDelete(file(), "kim@teamkorea.dev", today))).toEqual({
      ...kim(file()),
      active: false,
      postings: [
        { org: "KOTRA-US", role: "AGENCY_STAFF", from: "2019-01-01", until: "2020-12-31" },
        { org: "EMB-US", role: "MISSION_STAFF", from: "2021-01-01", until: "2026-12-02" },
      ],
    });
  });
});
