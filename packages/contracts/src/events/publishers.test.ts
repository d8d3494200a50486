import { describe, expect, it } from "vitest";
import { ingressOrgOf, ingressTopic } from "./envelope";
import { publishRefusal } from "./publishers";
import { TRADE_RESTRICTION_DETECTED } from "./trade";
import { eventSpec } from "./types";

const event = (source: string, country: string) =>
  ({ source, type: TRADE_RESTRICTION_DETECTED, data: { country } }) as unknown as Parameters<typeof publishRefusal>[1];
const rule = eventSpec(TRADE_RESTRICTION_DETECTED).publish;

describe("publishRefusal (HTTP and Kafka ingress alike)", () => {
  it("takes an organisation's own events about its own country", () => {
    expect(publishRefusal({ orgCode: "EMB-US", orgCountry: "US", actsAsMission: true, duties: [] }, event("EMB-US", "US"), rule)).toBeNull();
  });
  it("refuses another source, another country, and a ministry without the duty", () => {
    const kotra = { orgCode: "KOTRA-US", orgCountry: "US", actsAsMission: false, duties: [] };
    expect(publishRefusal(kotra, event("EMB-US", "US"), rule)).toContain('publish with "source": "KOTRA-US", not "EMB-US"');
    expect(publishRefusal(kotra, event("KOTRA-US", "JP"), rule)).toContain("it cannot publish events about JP");
    expect(publishRefusal({ orgCode: "NOT-AN-ORG", orgCountry: "US", actsAsMission: false, duties: [] }, event("KTO-CN", "US"), rule)).not.toBeNull();
  });
});

describe("ingress topics", () => {
  it("name their organisation, with the hub's prefix", () => {
    expect(ingressTopic("KOTRA-US", "test.")).toBe("test.teamkorea.ingress.KOTRA-US");
    expect(ingressOrgOf("test.teamkorea.ingress.KOTRA-US", "test.")).toBe("KOTRA-US");
    expect(ingressOrgOf("teamkorea.ingress.KOTRA-US", "test.")).toBeNull();
    expect(ingressOrgOf("test.teamkorea.trade.events", "test.")).toBeNull();
    expect(ingressOrgOf("test.teamkorea.ingress.", "test.")).toBeNull();
  });
});
