import type { Org } from "@hub/contracts";
import { describe, expect, it } from "vitest";
import {
  fieldChanges,
  filterOrgs,
  mayChangeDirectory,
  mayReadDirectory,
  mayReadPeople,
  postingsNewestFirst,
  problemsByRow,
  shown,
} from "./directory";

const org = (code: string, nameKo: string, nameEn: string, kind: Org["kind"] = "MISSION", country: string | null = "US"): Org => ({
  code,
  kind,
  nameKo,
  nameEn,
  country,
  network: kind === "AGENCY" ? "KOTRA" : null,
  missionKind: null,
  timeZone: "America/New_York",
  closed: false,
  teamLead: null,
});

describe("the directory pages' helpers", () => {
  it("say who may do what", () => {
    expect(
      ["ADMIN", "HQ_REVIEWER", "MISSION_HEAD", "MISSION_STAFF", "AGENCY_STAFF"].map((r) => [
        mayChangeDirectory(r as never),
        mayReadDirectory(r as never),
        mayReadPeople(r as never),
      ]),
    ).toEqual([
      [true, true, true],
      [false, true, true],
      [false, false, true],
      [false, false, false],
      [false, false, false],
    ]);
  });

  it("find organisations by every word, in either language, code, country or network, of one kind", () => {
    const orgs = [
      org("EMB-US", "주미국 대사관", "Embassy in the United States"),
      org("KOTRA-LA", "코트라 LA", "KOTRA Los Angeles", "AGENCY"),
      org("MOFA", "외교부", "Ministry of Foreign Affairs", "MINISTRY", null),
    ];
    expect(filterOrgs(orgs, "").map((o) => o.code)).toEqual(["EMB-US", "KOTRA-LA", "MOFA"]);
    expect(filterOrgs(orgs, "embassy united").map((o) => o.code)).toEqual(["EMB-US"]);
    expect(filterOrgs(orgs, "외교부").map((o) => o.code)).toEqual(["MOFA"]);
    expect(filterOrgs(orgs, "kotra").map((o) => o.code)).toEqual(["KOTRA-LA"]);
    expect(filterOrgs(orgs, "us", "MISSION").map((o) => o.code)).toEqual(["EMB-US"]);
    expect(filterOrgs(orgs, "embassy mofa")).toEqual([]);
  });

  it("show the fields a change touches, every field of an addition, the value of a plain change", () => {
    expect(fieldChanges({ org: "KTO-LA", until: null, from: "2025-01-01" }, { org: "KTO-LA", until: "2026-12-02", from: "2025-01-01" })).toEqual([
      { field: "until", before: null, after: "2026-12-02" },
    ]);
    expect(fieldChanges(null, { email: "a@x", active: true })).toEqual([
      { field: "email", before: undefined, after: "a@x" },
      { field: "active", before: undefined, after: true },
    ]);
    expect(fieldChanges({ closed: false }, null)).toEqual([{ field: "closed", before: false, after: undefined }]);
    expect(fieldChanges({ a: 1 }, { a: 1 })).toEqual([]);
    expect(fieldChanges(1, 2)).toEqual([{ field: "", before: 1, after: 2 }]);
    expect([shown(null), shown(undefined), shown("x"), shown(true), shown({ a: 1 })]).toEqual(["—", "—", "x", "true", '{"a":1}']);
  });

  it("order postings newest first", () => {
    const p = (from: string) => ({ org: "X", role: "MISSION_STAFF" as const, from, until: null, current: false });
    expect(postingsNewestFirst([p("2019-01-01"), p("2026-12-03"), p("2022-05-01")]).map((x) => x.from)).toEqual([
      "2026-12-03",
      "2022-05-01",
      "2019-01-01",
    ]);
  });

  it("name a refused file's problems by row (with its code or e-mail) and field", () => {
    const file = {
      organizations: [{ code: "EMB-US" }, { code: "EMB-JP" }],
      people: [{ email: "kim@teamkorea.dev" }],
      duties: [{ duty: "hq", holder: "MOFA" }],
    };
    expect(
      problemsByRow(
        [
          { path: "body.organizations.1.code", message: "duplicates organizations.0.code" },
          { path: "body.people.0.postings.1.from", message: "is current today as is people.0.postings.0" },
          { path: "body.duties.0.holder", message: "names no organisation" },
          { path: "body.people.7.email", message: "must be an e-mail address" },
          { path: "body.format", message: "must be team-korea-hub/directory@1" },
          { path: "body", message: "at least one administrator" },
        ],
        file,
      ),
    ).toEqual([
      { row: "organizations.1 (EMB-JP)", field: "code", message: "duplicates organizations.0.code" },
      { row: "people.0 (kim@teamkorea.dev)", field: "postings.1.from", message: "is current today as is people.0.postings.0" },
      { row: "duties.0 (hq/MOFA)", field: "holder", message: "names no organisation" },
      { row: "people.7", field: "email", message: "must be an e-mail address" },
      { row: "", field: "format", message: "must be team-korea-hub/directory@1" },
      { row: "", field: "", message: "at least one administrator" },
    ]);
  });
});
