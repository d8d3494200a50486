/**
 * The demo's in-flight case, taken from the plan's trade-restriction example (US measures on
 * Korean steel): published as the US embassy's staff through the same path as the API.
 */
import { parseEvent, TRADE_RESTRICTION_DETECTED } from "@hub/contracts";
import { acceptEvent, type Db } from "@hub/db";

export function demoSteelCase(now = new Date()) {
  const deadline = new Date(now.getTime() + 21 * 86_400_000).toISOString().slice(0, 10);
  return {
    specversion: "1.0",
    id: "demo-us-steel-ad-2026",
    source: "EMB-US",
    type: TRADE_RESTRICTION_DETECTED,
    subject: "US-AD-2026-STEEL-01",
    time: now.toISOString(),
    datacontenttype: "application/json",
    data: {
      country: "US",
      caseRef: "US-AD-2026-STEEL-01",
      measure: "anti_dumping",
      products: [
        { hsCode: "7209.16", description: "Cold-rolled flat steel products" },
        { hsCode: "7210.49", description: "Corrosion-resistant steel sheet" },
      ],
      authority: "US Department of Commerce",
      summary:
        "Commerce opened an anti-dumping investigation of Korean cold-rolled and corrosion-resistant steel. The local import-restriction response team asks for an impact assessment and a coordinated position before the comment deadline.",
      commentDeadline: deadline,
    },
  };
}

/** Publishes the demo case once; later starts find it as a duplicate and change nothing. */
export async function publishDemoCase(db: Db, topicPrefix: string) {
  const parsed = parseEvent(demoSteelCase());
  if (!parsed.ok) throw new Error(`demo event is invalid: ${parsed.error}`);
  return acceptEvent(db, parsed.event, { submittedBy: "staff.us@teamkorea.dev", topicPrefix });
}
