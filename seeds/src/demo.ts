/**
 * The demo's in-flight tasks, one of each kind, from the plan's own examples: US measures on
 * Korean steel, a youth placement in Viet Nam, the Korea–Sweden 60th-anniversary reception and
 * the March 1st Movement centenary ceremony at the embassy in China. Each is published as the
 * organisation's staff through the same path as the API, with due dates counted from today.
 */
import { ANNIVERSARY_PROPOSED, JOB_OPENING_POSTED, PLAN_SUBMITTED, parseEvent, TRADE_RESTRICTION_DETECTED, workflowIdFor } from "@hub/contracts";
import { type AcceptResult, acceptEvent, type Db, loadDirectory, taskOfEvent } from "@hub/db";

const day = (now: Date, n: number) => new Date(now.getTime() + n * 86_400_000).toISOString().slice(0, 10);
const envelope = (id: string, source: string, type: string, subject: string, now: Date, data: unknown) => ({
  specversion: "1.0",
  id,
  source,
  type,
  subject,
  time: now.toISOString(),
  datacontenttype: "application/json",
  data,
});

export interface DemoCase {
  label: string;
  submittedBy: string;
  event: ReturnType<typeof envelope>;
}

export function demoSteelCase(now = new Date()) {
  return envelope("demo-us-steel-ad-2026", "EMB-US", TRADE_RESTRICTION_DETECTED, "US-AD-2026-STEEL-01", now, {
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
    commentDeadline: day(now, 21),
  });
}

export function demoCases(now = new Date()): DemoCase[] {
  const swedenDate = day(now, 60);
  const march1 = day(now, 40);
  const cnPlanRef = "CN-MARCH1-CENTENARY";
  return [
    { label: "trade restriction US-AD-2026-STEEL-01 (US steel)", submittedBy: "staff.us@teamkorea.dev", event: demoSteelCase(now) },
    {
      label: "youth placement VN-2026-HANOI-ENG (Viet Nam)",
      submittedBy: "hrdk.vn@teamkorea.dev",
      event: envelope("demo-vn-youth-opening-2026", "HRDK-VN", JOB_OPENING_POSTED, "VN-2026-HANOI-ENG", now, {
        country: "VN",
        openingRef: "VN-2026-HANOI-ENG",
        employer: "Korean electronics supplier, Bac Ninh plant",
        title: "Production engineering trainee (Korean–Vietnamese)",
        positions: 2,
        channel: "hrdkorea",
        closesOn: day(now, 45),
      }),
    },
    {
      label: "anniversary SE-60-RECEPTION (Korea–Sweden 60th anniversary)",
      submittedBy: "staff.se@teamkorea.dev",
      event: envelope("demo-se-60th-anniversary", "EMB-SE", ANNIVERSARY_PROPOSED, "SE-60-RECEPTION", now, {
        country: "SE",
        eventRef: "SE-60-RECEPTION",
        title: "한-스웨덴 수교 60주년 기념 리셉션",
        occasion: "60th anniversary of diplomatic relations between the Republic of Korea and Sweden",
        date: swedenDate,
        budgetKrw: 80_000_000,
        components: [
          { org: "KCC-SE", task: "Photo exhibition on sixty years of Korea–Sweden relations at the reception venue.", dueOn: day(now, 59) },
          { org: "KTO-SE", task: "Tourism promotion to Swedish guests and travel media in the fortnight before the reception.", dueOn: day(now, 46) },
          {
            org: "EMB-SE",
            task: "Reception and invitations: government, parliament, Korean War veterans' families and the Korean community.",
            dueOn: swedenDate,
          },
        ],
      }),
    },
    {
      label: "mission plan CN-MARCH1-CENTENARY (March 1st Movement centenary, China)",
      submittedBy: "staff.cn@teamkorea.dev",
      event: envelope(workflowIdFor("mission-plan", "CN", cnPlanRef), "EMB-CN", PLAN_SUBMITTED, cnPlanRef, now, {
        country: "CN",
        planRef: cnPlanRef,
        title: "3·1운동 및 임시정부 수립 100주년 기념식 (March 1st Movement centenary ceremony)",
        summary:
          "Ceremony at the embassy for the centenary of the March 1st Movement and the Provisional Government, with a photo exhibition and a tour of former Provisional Government sites for the Korean community.",
        budgetKrw: 30_000_000,
        assignments: [
          { org: "EMB-CN", task: "Hold the centenary ceremony and invite the Korean community and Chinese guests.", dueOn: march1 },
          { org: "KCC-CN", task: "Mount the photo exhibition on the independence movement in China.", dueOn: day(now, 38) },
          { org: "KTO-CN", task: "Organise the historic-site tour of the former Provisional Government sites.", dueOn: day(now, 35) },
        ],
        informed: ["MPVA"],
      }),
    },
  ];
}

/** Publishes the demo tasks once; later starts find them as duplicates and change nothing. */
export async function publishDemoCases(db: Db, topicPrefix: string): Promise<{ label: string; status: AcceptResult }[]> {
  const out: { label: string; status: AcceptResult }[] = [];
  const dir = await loadDirectory(db);
  for (const c of demoCases()) {
    const parsed = parseEvent(c.event);
    if (!parsed.ok) throw new Error(`demo event ${c.label} is invalid: ${parsed.error}`);
    const { workflowId } = await taskOfEvent(db, dir, parsed.event);
    out.push({ label: c.label, status: await acceptEvent(db, parsed.event, { submittedBy: c.submittedBy, topicPrefix, workflowId }) });
  }
  return out;
}
