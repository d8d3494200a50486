/** One change to a person, an organisation or a duty as an edit of the directory file: what it writes, and what it refuses. */
import { DIRECTORY_FORMAT, DirectoryFile } from "@hub/contracts";
import { describe, expect, it } from "vitest";
import { addOrg, addPerson, changeOrg, changePerson, DirectoryEditRefused, endPosting, movePerson, setDutyHolders } from "./directory-edits";

const TODAY = "2026-12-03";
const file = () =>
  DirectoryFile.parse({
    format: DIRECTORY_FORMAT,
    organizations: [],
    duties: [],
    people: [{ email: "a@teamkorea.dev", name: "A", postings: [{ org: "KOTRA-US", role: "AGENCY_STAFF", from: "2024-03-01" }] }],
  });
const postings = (f: DirectoryFile) => f.people[0]?.postings;
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof DirectoryEditRefused) return { status: err.status, message: err.message };
    throw err;
  }
  throw new Error("not refused");
};

describe("editing one person", () => {
  it("adds a person with their first posting, and refuses an e-mail already there", () => {
    const posting = { org: "EMB-US", role: "MISSION_STAFF" as const, from: TODAY, until: null };
    const f = addPerson(file(), { email: "b@teamkorea.dev", name: "B", nameKo: null, posting });
    expect(f.people[1]).toEqual({ email: "b@teamkorea.dev", name: "B", nameKo: null, active: true, postings: [posting] });
    expect(refusal(() => addPerson(f, { email: "b@teamkorea.dev", name: "B", nameKo: null, posting })).status).toBe(409);
  });

  it("changes names or deactivates, and answers 404 for someone not there", () => {
    expect(changePerson(file(), "a@teamkorea.dev", { active: false }).people[0]).toMatchObject({ name: "A", active: false });
    expect(refusal(() => changePerson(file(), "x@teamkorea.dev", { active: false })).status).toBe(404);
  });

  it("a move ends the current posting the day before the new one starts", () => {
    const f = movePerson(file(), "a@teamkorea.dev", { org: "KOTRA-LA", role: "AGENCY_STAFF", from: "2026-12-10", until: null }, TODAY);
    expect(postings(f)).toEqual([
      { org: "KOTRA-US", role: "AGENCY_STAFF", from: "2024-03-01", until: "2026-12-09" },
      { org: "KOTRA-LA", role: "AGENCY_STAFF", from: "2026-12-10", until: null },
    ]);
    const early = refusal(() =>
      movePerson(file(), "a@teamkorea.dev", { org: "KOTRA-LA", role: "AGENCY_STAFF", from: "2024-03-01", until: null }, TODAY),
    );
    expect(early).toEqual({ status: 409, message: "a@teamkorea.dev's posting at KOTRA-US starts 2024-03-01: a new posting must start after it" });
  });

  it("leaving ends the current posting; it cannot end before it started", () => {
    expect(postings(endPosting(file(), "a@teamkorea.dev", "2026-12-02", TODAY))?.[0]?.until).toBe("2026-12-02");
    expect(refusal(() => endPosting(file(), "a@teamkorea.dev", "2020-01-01", TODAY)).status).toBe(409);
    const gone = endPosting(file(), "a@teamkorea.dev", "2026-12-02", TODAY);
    expect(refusal(() => endPosting(gone, "a@teamkorea.dev", "2026-12-05", TODAY))).toEqual({
      status: 409,
      message: "a@teamkorea.dev has no current posting to end",
    });
  });
});

describe("editing organisations and duties", () => {
  const cg = DirectoryFile.parse({
    format: DIRECTORY_FORMAT,
    organizations: [
      {
        code: "CG-LA",
        kind: "MISSION",
        missionKind: "CONSULATE_GENERAL",
        nameKo: "총영사관",
        nameEn: "CG LA",
        country: "US",
        timeZone: "America/Los_Angeles",
      },
    ],
    duties: [],
    people: [],
  }).organizations[0];

  it("opens an organisation, and refuses a code already there", () => {
    const f = addOrg(file(), cg as NonNullable<typeof cg>);
    expect(f.organizations.map((o) => o.code)).toEqual(["CG-LA"]);
    expect(refusal(() => addOrg(f, cg as NonNullable<typeof cg>))).toMatchObject({ status: 409 });
  });

  it("changes only the fields named, and answers 404 for an organisation not there", () => {
    const f = changeOrg(addOrg(file(), cg as NonNullable<typeof cg>), "CG-LA", { actingHead: "a@teamkorea.dev", closed: true });
    expect(f.organizations[0]).toEqual({ ...cg, actingHead: "a@teamkorea.dev", closed: true });
    expect(refusal(() => changeOrg(f, "CG-SF", { closed: true }))).toMatchObject({ status: 404, message: "No organisation CG-SF in the directory" });
  });

  it("sets a duty's holders all at once, leaving the other duties alone; none removes the duty", () => {
    const f = {
      ...file(),
      duties: [
        { duty: "trade-remedy", holder: "MOTIE", holderKind: "org" as const, rank: 1 },
        { duty: "hq", holder: "MOFA", holderKind: "org" as const, rank: 1 },
      ],
    };
    const moved = setDutyHolders(f, "trade-remedy", { holders: [{ holder: "KOTRA", holderKind: "network", rank: 2 }] });
    expect(moved.duties).toEqual([
      { duty: "hq", holder: "MOFA", holderKind: "org", rank: 1 },
      { duty: "trade-remedy", holder: "KOTRA", holderKind: "network", rank: 2 },
    ]);
    expect(setDutyHolders(f, "trade-remedy", { holders: [] }).duties.map((d) => d.duty)).toEqual(["hq"]);
  });
});
