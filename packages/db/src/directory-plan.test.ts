/**
 * The import plan without a database: the problems a file is refused for (each named by path and
 * field, all at once) and the exact changes it makes — added, changed, closed, removed — with
 * the same file twice planning nothing.
 */
import { DIRECTORY_FORMAT, DirectoryFile, type DirectoryFileInput } from "@hub/contracts";
import { describe, expect, it } from "vitest";
import { planImport } from "./directory-plan";

const TODAY = "2026-12-02";
const opts = { today: TODAY, closeMissing: true };

const base = (): DirectoryFileInput => ({
  format: DIRECTORY_FORMAT,
  organizations: [
    {
      code: "EMB-US",
      kind: "MISSION",
      missionKind: "EMBASSY",
      nameKo: "주미국 대사관",
      nameEn: "Embassy in the US",
      country: "US",
      timeZone: "America/New_York",
      leadsTeam: true,
    },
    {
      code: "CG-LA",
      kind: "MISSION",
      missionKind: "CONSULATE_GENERAL",
      nameKo: "주로스앤젤레스 총영사관",
      nameEn: "CG Los Angeles",
      country: "US",
      timeZone: "America/Los_Angeles",
    },
    {
      code: "KOTRA-US",
      kind: "AGENCY",
      nameKo: "KOTRA 워싱턴",
      nameEn: "KOTRA Washington",
      country: "US",
      network: "KOTRA",
      timeZone: "America/New_York",
    },
    { code: "MOFA", kind: "MINISTRY", nameKo: "외교부", nameEn: "Ministry of Foreign Affairs", country: null, timeZone: "Asia/Seoul" },
  ],
  duties: [
    { duty: "hq", holder: "MOFA", holderKind: "org" },
    { duty: "trade-impact", holder: "KOTRA", holderKind: "network" },
  ],
  people: [
    { email: "head.us@teamkorea.dev", name: "Head", postings: [{ org: "EMB-US", role: "MISSION_HEAD", from: "2019-01-01" }] },
    { email: "kotra.us@teamkorea.dev", name: "Officer", postings: [{ org: "KOTRA-US", role: "AGENCY_STAFF", from: "2019-01-01" }] },
    { email: "admin@teamkorea.dev", name: "Admin", postings: [{ org: "MOFA", role: "ADMIN", from: "2019-01-01" }] },
  ],
});
const parse = (f: DirectoryFileInput) => DirectoryFile.parse(f);
const EMPTY = parse({ format: DIRECTORY_FORMAT, organizations: [], duties: [], people: [] });

function plan(file: DirectoryFileInput, current = EMPTY, o = opts) {
  const p = planImport(parse(file), current, o);
  return p;
}
const changes = (file: DirectoryFileInput, current = EMPTY) => {
  const p = plan(file, current);
  if (!p.ok) throw new Error(JSON.stringify(p.issues));
  return p.changes.map((c) => `${c.action} ${c.entity} ${c.key}`);
};

describe("planImport: the changes", () => {
  it("adds everything into an empty directory, organisations first and postings last", () => {
    expect(changes(base())).toEqual([
      "add organization EMB-US",
      "add organization CG-LA",
      "add organization KOTRA-US",
      "add organization MOFA",
      "add duty hq/MOFA",
      "add duty trade-impact/KOTRA",
      "add person head.us@teamkorea.dev",
      "add person kotra.us@teamkorea.dev",
      "add person admin@teamkorea.dev",
      "add posting head.us@teamkorea.dev/EMB-US/MISSION_HEAD/2019-01-01",
      "add posting kotra.us@teamkorea.dev/KOTRA-US/AGENCY_STAFF/2019-01-01",
      "add posting admin@teamkorea.dev/MOFA/ADMIN/2019-01-01",
    ]);
  });

  it("plans nothing for the file the directory already holds", () => {
    expect(changes(base(), parse(base()))).toEqual([]);
  });

  it("closes organisations and people the file leaves out, removes its duties, and ends a started posting yesterday", () => {
    const next = base();
    next.organizations = next.organizations.filter((o) => o.code !== "CG-LA");
    next.duties = next.duties.slice(0, 1);
    next.people = [{ email: "head.us@teamkorea.dev", name: "Head", postings: [] }, ...next.people.slice(2)];
    const p = plan(next, parse(base()));
    expect(p.ok && p.changes.map((c) => [c.action, c.entity, c.key, c.after])).toEqual([
      ["close", "organization", "CG-LA", expect.objectContaining({ closed: true })],
      ["remove", "duty", "trade-impact/KOTRA", null],
      ["close", "person", "kotra.us@teamkorea.dev", expect.objectContaining({ active: false })],
      ["close", "posting", "head.us@teamkorea.dev/EMB-US/MISSION_HEAD/2019-01-01", expect.objectContaining({ until: "2026-12-01" })],
    ]);
  });

  it("moves a person: the old posting ends yesterday, the new one starts today, and an ended posting left out stays as history", () => {
    const current = base();
    current.people[0]?.postings.unshift({ org: "CG-LA", role: "MISSION_STAFF", from: "2010-01-01", until: "2012-12-31" });
    const next = base();
    const head = next.people[0];
    if (head)
      head.postings = [
        { org: "EMB-US", role: "MISSION_HEAD", from: "2019-01-01", until: "2026-12-01" },
        { org: "CG-LA", role: "MISSION_HEAD", from: TODAY },
      ];
    expect(changes(next, parse(current))).toEqual([
      "close posting head.us@teamkorea.dev/EMB-US/MISSION_HEAD/2019-01-01",
      "add posting head.us@teamkorea.dev/CG-LA/MISSION_HEAD/2026-12-02",
    ]);
  });

  it("removes a posting left out that has not started", () => {
    const current = base();
    current.people[1]?.postings.splice(
      0,
      1,
      { org: "KOTRA-US", role: "AGENCY_STAFF", from: "2019-01-01", until: "2026-12-31" },
      { org: "MOFA", role: "AGENCY_STAFF", from: "2027-01-01" },
    );
    const next = base();
    const k = next.people[1];
    if (k) k.postings = [{ org: "KOTRA-US", role: "AGENCY_STAFF", from: "2019-01-01", until: "2026-12-31" }];
    expect(changes(next, parse(current))).toEqual(["remove posting kotra.us@teamkorea.dev/MOFA/AGENCY_STAFF/2027-01-01"]);
  });

  it("without closeMissing (the seeds) adds and changes but leaves alone what the file leaves out", () => {
    const next = base();
    next.organizations = next.organizations.filter((o) => o.code !== "CG-LA");
    next.people = [];
    const p = planImport(parse(next), parse(base()), { today: TODAY, closeMissing: false });
    expect(p).toEqual({ ok: true, changes: [] });
  });

  it("names a change of one field as a change, with before and after", () => {
    const next = base();
    const us = next.organizations[0];
    if (us) us.nameEn = "Embassy of the Republic of Korea in the United States";
    const p = plan(next, parse(base()));
    expect(p.ok && p.changes).toEqual([
      {
        action: "change",
        entity: "organization",
        key: "EMB-US",
        before: expect.objectContaining({ nameEn: "Embassy in the US" }),
        after: expect.objectContaining({ nameEn: "Embassy of the Republic of Korea in the United States" }),
      },
    ]);
  });
});

describe("planImport: the problems, every one named by path and field", () => {
  it("refuses an unknown team lead, a duplicate code and two current postings of one person, all at once", () => {
    const bad = base();
    bad.organizations.push({
      code: "KTO-US",
      kind: "AGENCY",
      nameKo: "KTO",
      nameEn: "KTO",
      country: "US",
      network: "KTO",
      timeZone: "America/New_York",
      teamLead: "CG-SF",
    });
    bad.organizations.push({
      code: "CG-LA",
      kind: "MISSION",
      missionKind: "CONSULATE_GENERAL",
      nameKo: "또",
      nameEn: "Again",
      country: "US",
      timeZone: "America/Los_Angeles",
    });
    bad.people[0]?.postings.push({ org: "CG-LA", role: "MISSION_STAFF", from: "2026-01-01" });
    const p = plan(bad);
    expect(p.ok).toBe(false);
    expect(!p.ok && p.issues).toEqual([
      { path: "organizations.5.code", message: "duplicates organizations.1.code: the code CG-LA appears twice" },
      { path: "organizations.4.teamLead", message: "names CG-SF, which is not an organisation of the file" },
      {
        path: "people.0.postings.1.from",
        message: "is current today as is people.0.postings.0 (EMB-US MISSION_HEAD from 2019-01-01): a person has at most one current posting",
      },
    ]);
  });

  it("refuses a team lead that is not a mission of the office's country, and rows whose fields disagree with their kind", () => {
    const bad = base();
    bad.organizations.push({
      code: "KCC-US",
      kind: "AGENCY",
      nameKo: "문화원",
      nameEn: "KCC",
      country: "US",
      network: "KCC",
      timeZone: "America/New_York",
      teamLead: "KOTRA-US",
    });
    bad.organizations.push({ code: "EMB-JP", kind: "MISSION", nameKo: "주일", nameEn: "Japan", country: "JP", timeZone: "Asia/Tokyo" });
    bad.people.push({
      email: "x@teamkorea.dev",
      name: "X",
      postings: [
        { org: "KOTRA-US", role: "MISSION_HEAD", from: "2019-01-01" },
        { org: "NOPE", role: "AGENCY_STAFF", from: "2000-01-01", until: "2000-12-31" },
      ],
    });
    bad.duties.push({ duty: "hq", holder: "MOFA", holderKind: "org" });
    const p = plan(bad);
    expect(!p.ok && p.issues.map((i) => i.path)).toEqual([
      "organizations.4.teamLead",
      "organizations.5.missionKind",
      "duties.2.holder",
      "people.3.postings.0.role",
      "people.3.postings.1.org",
    ]);
  });

  it("refuses an acting head who is not one of the mission's people, or on an organisation that is no mission", () => {
    const bad = base();
    const [emb, , , mofa] = bad.organizations;
    Object.assign(emb ?? {}, { actingHead: "nobody@teamkorea.dev" });
    Object.assign(mofa ?? {}, { actingHead: bad.people[0]?.email });
    const p = plan(bad);
    expect(!p.ok && p.issues.filter((i) => i.path.endsWith("actingHead"))).toEqual([
      { path: "organizations.0.actingHead", message: "names nobody@teamkorea.dev, who is not a person of the file" },
      { path: "organizations.3.actingHead", message: "must be null: only a mission has an acting head" },
    ]);
    const good = base();
    Object.assign(good.organizations[0] ?? {}, { actingHead: good.people[0]?.email });
    expect(plan(good).ok).toBe(true);
  });

  it("refuses a file that leaves nobody to administer the directory (an empty one, say)", () => {
    const p = plan({ format: DIRECTORY_FORMAT, organizations: [], duties: [], people: [] }, parse(base()));
    expect(!p.ok && p.issues).toEqual([
      { path: "people", message: "holds no active administrator posted today: nobody could change the directory after this import" },
    ]);
  });

  it("refuses a posting that would overlap an ended one the directory keeps", () => {
    const current = base();
    current.people[0]?.postings.unshift({ org: "CG-LA", role: "MISSION_STAFF", from: "2010-01-01", until: "2019-06-30" });
    const p = plan(base(), parse(current));
    expect(!p.ok && p.issues).toEqual([
      {
        path: "people.0.postings.0.from",
        message: "overlaps CG-LA MISSION_STAFF from 2010-01-01 until 2019-06-30, a posting the file leaves out that the directory keeps as history",
      },
    ]);
  });
});
