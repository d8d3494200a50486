/** One change to a person as an edit of the directory file: what it writes, and what it refuses. */
import { DIRECTORY_FORMAT, DirectoryFile } from "@hub/contracts";
import { describe, expect, it } from "vitest";
import { addPerson, changePerson, DirectoryEditRefused, endPosting, movePerson } from "./directory-edits";

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
