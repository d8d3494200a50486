/** SCIM filters: the grammar of RFC 7644 §3.4.2.2 parsed, and compiled to SQL whose values are all parameters. */
import { describe, expect, it } from "vitest";
import { ScimError } from "./errors";
import { FILTER_LIMITS, parseFilter, parsePatchPath } from "./filter";
import { filterSql, orderSql } from "./sql-filter";

const compiled = (f: string) => {
  const q = filterSql(parseFilter(f));
  // sql-template-tag numbers parameters $1, $2 …; the text normalised for reading.
  return { text: q.text.replace(/\s+/g, " ").trim(), values: q.values };
};

function refusal(fn: () => unknown): ScimError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ScimError) return err;
    throw err;
  }
  throw new Error("expected a SCIM error");
}

describe("parseFilter", () => {
  it("reads the RFC's examples", () => {
    expect(parseFilter('userName eq "bjensen"')).toEqual({ op: "eq", path: { urn: null, attr: "userName", sub: null }, value: "bjensen" });
    expect(parseFilter('name.familyName co "O\'Malley"')).toEqual({
      op: "co",
      path: { urn: null, attr: "name", sub: "familyName" },
      value: "O'Malley",
    });
    expect(parseFilter("title pr")).toEqual({ op: "pr", path: { urn: null, attr: "title", sub: null } });
    expect(parseFilter('meta.lastModified gt "2011-05-13T04:42:34Z"').op).toBe("gt");
    expect(parseFilter('urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"')).toMatchObject({
      path: { urn: "urn:ietf:params:scim:schemas:core:2.0:User", attr: "userName" },
    });
    expect(parseFilter('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:organization eq "EMB-US"')).toMatchObject({
      path: { urn: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", attr: "organization", sub: null },
    });
  });

  it("binds and tighter than or, not and parentheses as written, operators in any case", () => {
    const f = parseFilter('userName eq "a" or userName eq "b" and active eq true');
    expect(f).toMatchObject({ op: "or", right: { op: "and" } });
    const g = parseFilter('(userName eq "a" or userName eq "b") AND not (active EQ false)');
    expect(g).toMatchObject({ op: "and", left: { op: "or" }, right: { op: "not", filter: { op: "eq", value: false } } });
  });

  it("reads value paths, JSON string escapes, numbers, true, false and null", () => {
    expect(parseFilter('emails[type eq "work" and value co "@example.com"]')).toMatchObject({
      op: "valuePath",
      path: { attr: "emails" },
      filter: { op: "and" },
    });
    expect(parseFilter('displayName eq "a \\"quoted\\" \\u00e9"')).toMatchObject({ value: 'a "quoted" é' });
    expect(parseFilter("x eq 12.5e2")).toMatchObject({ value: 1250 });
    expect(parseFilter("x eq null")).toMatchObject({ value: null });
  });

  it.each([
    ["", "it is empty"],
    ['userName eq "unclosed', "not closed"],
    ["userName eq bjensen", "is not a value"],
    ['userName like "x"', "is not an operator"],
    ['userName eq "a" and', "expected an attribute path at the end"],
    ['(userName eq "a"', 'expected ")"'],
    ['userName eq "a")', 'unexpected ")"'],
    ['userName eq "a" userName eq "b"', "unexpected"],
    ['emails[value eq "a"', 'expected "]"'],
    ['emails[type eq "w" and emails[value eq "x"]]', "cannot hold another"],
    ['name.a.b eq "x"', "is not an attribute path"],
    ['1userName eq "x"', "is not an attribute path"],
    ["userName eq 0x10", "is not a value"],
    ['not userName eq "x"', "takes a filter in parentheses"],
    ['userName eq "\\ud800"', "half of a surrogate pair"],
    ['userName eq "a\\u0000"', "NUL"],
  ])("refuses %j: %s", (text, why) => {
    const e = refusal(() => parseFilter(text));
    expect({ status: e.status, scimType: e.scimType }).toEqual({ status: 400, scimType: "invalidFilter" });
    expect(e.message).toContain(why);
  });

  it("refuses filters over its limits before parsing them", () => {
    expect(refusal(() => parseFilter(`userName eq "${"x".repeat(FILTER_LIMITS.length)}"`)).message).toContain("longer than");
    const deep = `${"(".repeat(FILTER_LIMITS.depth + 1)}active pr${")".repeat(FILTER_LIMITS.depth + 1)}`;
    expect(refusal(() => parseFilter(deep)).message).toContain("nests deeper");
    const many = Array.from({ length: FILTER_LIMITS.terms + 1 }, () => "active pr").join(" or ");
    expect(refusal(() => parseFilter(many)).message).toContain("more than");
  });
});

describe("filterSql", () => {
  it("compares case-insensitive attributes in lower case, with the value a parameter", () => {
    expect(compiled('userName eq "BJensen@Example.com"')).toEqual({
      text: "coalesce(lower(b.user_name) = $1, false)",
      values: ["bjensen@example.com"],
    });
    expect(compiled('externalId eq "AbC"')).toEqual({ text: "coalesce(b.external_id = $1, false)", values: ["AbC"] });
  });

  it("compiles co, sw and ew to LIKE with the pattern's own wildcards escaped", () => {
    expect(compiled('userName co "a%b_c\\\\"')).toEqual({ text: "coalesce(lower(b.user_name) LIKE $1, false)", values: ["%a\\%b\\_c\\\\%"] });
    expect(compiled('name.familyName sw "Kim"').values).toEqual(["kim%"]);
    expect(compiled('emails.value ew "@teamkorea.dev"').values).toEqual(["%@teamkorea.dev"]);
  });

  it("keeps a hostile value out of the query's text", () => {
    const q = compiled(`userName eq "x' OR 1=1; DROP TABLE users; --"`);
    expect(q.text).toBe("coalesce(lower(b.user_name) = $1, false)");
    expect(q.values).toEqual(["x' or 1=1; drop table users; --"]);
  });

  it("compiles and, or, not, parentheses and value paths to SQL's, two-valued", () => {
    expect(compiled('not (userName sw "a" or active eq false) and emails[type eq "work" and value co "x"]')).toEqual({
      text: "((NOT (coalesce(lower(b.user_name) LIKE $1, false) OR coalesce(b.active = $2, false))) AND (coalesce(lower('work'::text) = $3, false) AND coalesce(lower(b.user_name) LIKE $4, false)))",
      values: ["a%", false, "work", "%x%"],
    });
    expect(compiled('userName ne "a"').text).toBe("coalesce(lower(b.user_name) <> $1, true)");
  });

  it("compiles pr, null, date-times and string ordering", () => {
    expect(compiled("externalId pr").text).toBe("coalesce(b.external_id <> '', false)");
    expect(compiled("meta.created pr").text).toBe("(b.created IS NOT NULL)");
    expect(compiled("externalId eq null").text).toBe("(b.external_id IS NULL)");
    expect(compiled('meta.lastModified ge "2026-12-03T12:00:00+09:00"')).toEqual({
      text: "coalesce(b.last_modified >= $1::timestamp, false)",
      values: ["2026-12-03T03:00:00.000"],
    });
    expect(compiled('userName gt "m"').text).toBe('coalesce(lower(b.user_name) COLLATE "C" > $1 COLLATE "C", false)');
  });

  it("reads attribute names in any case and with the schema's URN", () => {
    expect(compiled('USERNAME eq "a"').text).toBe(compiled('userName eq "a"').text);
    expect(compiled('urn:ietf:params:scim:schemas:core:2.0:User:name.givenName eq "a"').text).toBe("coalesce(lower(b.given_name) = $1, false)");
    expect(compiled('urn:teamkorea:params:scim:schemas:extension:hub:2.0:User:role eq "MISSION_STAFF"').text).toBe(
      "coalesce(lower(b.role) = $1, false)",
    );
  });

  it.each([
    ['title eq "x"', "is not an attribute a filter may name"],
    ['name eq "x"', "is not an attribute a filter may name"],
    ['emails[foo eq "x"]', 'emails[foo]" is not an attribute'],
    ['active eq "yes"', "is true or false"],
    ["active gt true", "takes eq, ne or pr"],
    ['meta.created gt "yesterday"', "date-time"],
    ['meta.created co "2026"', "date-time"],
    ["userName eq 5", "is a string"],
    ["userName gt null", "compares with no value"],
  ])("refuses %j: %s", (text, why) => {
    const e = refusal(() => filterSql(parseFilter(text)));
    expect(e.scimType).toBe("invalidFilter");
    expect(e.message).toContain(why);
  });

  it("orders by a known attribute, the id last; refuses an unknown one", () => {
    expect(orderSql(null, false).text).toBe("ORDER BY b.user_name ASC, b.id ASC");
    expect(orderSql({ urn: null, attr: "name", sub: "familyName" }, true).text).toBe("ORDER BY b.family_name DESC NULLS LAST, b.id DESC");
    expect(refusal(() => orderSql({ urn: null, attr: "title", sub: null }, false)).scimType).toBe("invalidValue");
  });
});

describe("parsePatchPath", () => {
  it("reads attributes, sub-attributes, value filters and the sub-attribute after one", () => {
    expect(parsePatchPath("name.givenName")).toEqual({ path: { urn: null, attr: "name", sub: "givenName" }, filter: null, subAfterFilter: null });
    expect(parsePatchPath('emails[type eq "work"].value')).toMatchObject({ path: { attr: "emails" }, filter: { op: "eq" }, subAfterFilter: "value" });
    expect(parsePatchPath("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")).toMatchObject({ path: { attr: null } });
  });
  it.each([
    ["emails[type eq]", "invalidFilter"],
    ['emails[type eq "w"]x', "invalidPath"],
    ["a b", "invalidPath"],
    ['name.givenName[value eq "x"]', "invalidPath"],
  ])("refuses %j as %s", (text, scimType) => {
    expect(refusal(() => parsePatchPath(text)).scimType).toBe(scimType);
  });
});
