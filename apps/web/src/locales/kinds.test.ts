import { WORKFLOW_KINDS } from "@hub/contracts/core";
import { describe, expect, it } from "vitest";
import { kinds } from "./kinds";

describe("the kinds' labels", () => {
  it("name every kind of joint task in Korean and in English, and nothing else", () => {
    for (const lang of ["ko", "en"] as const) {
      expect(Object.keys(kinds[lang].kind).sort(), lang).toEqual([...WORKFLOW_KINDS].sort());
      for (const kind of WORKFLOW_KINDS) expect(kinds[lang].kind[kind].trim(), `${lang} ${kind}`).not.toBe("");
    }
  });
});
