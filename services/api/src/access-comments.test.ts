/** Who changes a comment (access.ts, assertMayChangeComment): its author alone, and not once deleted. */
import { describe, expect, it } from "vitest";
import { assertMayChangeComment } from "./access";
import { statusOf, who } from "./access-fixtures";

const author = { ...who("AGENCY_STAFF", "KOTRA-US", "AGENCY", "US"), userId: "author" };
const colleague = { ...who("AGENCY_STAFF", "KOTRA-US", "AGENCY", "US"), userId: "colleague" };
const hq = { ...who("HQ_REVIEWER", "MOFA", "MINISTRY", null), userId: "hq" };
const comment = { authorId: "author", deletedAt: null };

describe("assertMayChangeComment", () => {
  it("lets the author change their own comment", () => {
    expect(statusOf(() => assertMayChangeComment(author, comment))).toBe(200);
  });
  it("refuses anyone else, a colleague or HQ (403), and a deleted comment (409)", () => {
    expect(statusOf(() => assertMayChangeComment(colleague, comment))).toBe(403);
    expect(statusOf(() => assertMayChangeComment(hq, comment))).toBe(403);
    expect(statusOf(() => assertMayChangeComment(author, { ...comment, deletedAt: new Date() }))).toBe(409);
    expect(statusOf(() => assertMayChangeComment(hq, { ...comment, deletedAt: new Date() }))).toBe(403);
  });
});
