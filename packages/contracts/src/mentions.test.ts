/** Which `@e-mail`s a comment's text mentions, and what is no mention, and the comment's text contract. */
import { describe, expect, it } from "vitest";
import { CommentBody } from "./comments";
import { mentionsIn } from "./mentions";

describe("mentionsIn", () => {
  it("finds each @e-mail once, in order, in lower case, without the punctuation after it", () => {
    expect(mentionsIn("@Kotra.US@teamkorea.dev, please; cc @mpva@teamkorea.dev. Again @kotra.us@teamkorea.dev!")).toEqual([
      "kotra.us@teamkorea.dev",
      "mpva@teamkorea.dev",
    ]);
    expect(mentionsIn("(@head.us@teamkorea.dev)\n@hq@teamkorea.dev")).toEqual(["head.us@teamkorea.dev", "hq@teamkorea.dev"]);
    expect(mentionsIn("한국어 문장 중간에 @kcc.jp@teamkorea.dev 님")).toEqual(["kcc.jp@teamkorea.dev"]);
  });
  it("takes a plain address, an @ inside a word, or an @ without an address for no mention", () => {
    expect(mentionsIn("write to kotra.us@teamkorea.dev")).toEqual([]);
    expect(mentionsIn("x@kotra.us@teamkorea.dev and a@@b.dev and @ nobody and @kotra.us")).toEqual([]);
  });
});

describe("CommentBody", () => {
  const issues = (body: unknown) => {
    const r = CommentBody.safeParse(body);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  };
  it("keeps the text exactly, spaces and all, up to the bound", () => {
    const text = "  <b>not html</b> 🇰🇷 e\u0301  ";
    expect(CommentBody.parse({ body: text }).body).toBe(text);
    expect(issues({ body: "가".repeat(8000) })).toEqual([]);
  });
  it("refuses empty, blank, over-long text, too many mentions and unknown fields, naming the field", () => {
    expect(issues({ body: "" })).toEqual(["body: must not be empty or only spaces"]);
    expect(issues({ body: " \n\t" })).toEqual(["body: must not be empty or only spaces"]);
    expect(issues({ body: "가".repeat(8001) })).toEqual(["body: must be at most 8000 characters"]);
    const many = Array.from({ length: 21 }, (_, i) => `@p${i}@teamkorea.dev`).join(" ");
    expect(issues({ body: many })).toEqual(["body: must mention at most 20 people"]);
    expect(issues({ body: "ok", mentions: [] })).toHaveLength(1);
  });
});
