/** What the bench sends: events and plans of each kind as their publishers would, and watchers for their approvals. */
import { randomUUID } from "node:crypto";
import { ANNIVERSARY_PROPOSED, JOB_OPENING_POSTED, TRADE_RESTRICTION_DECIDED, TRADE_RESTRICTION_DETECTED, workflowIdFor } from "@hub/contracts";
import type { BenchHub } from "./hub";
import { sleep } from "./measure";

const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const envelope = (type: string, source: string, data: Record<string, unknown>) => ({
  specversion: "1.0",
  id: randomUUID(),
  source,
  type,
  time: new Date().toISOString(),
  datacontenttype: "application/json",
  data,
});

/** A decision on a case nobody opened: accepted at the API, then only dead-lettered downstream. */
export const unknownDecision = () =>
  JSON.stringify(
    envelope(TRADE_RESTRICTION_DECIDED, "KOTRA-US", {
      country: "US",
      caseRef: `NOPE-${randomUUID().slice(0, 12)}`,
      outcome: "terminated",
      summary: "Commerce terminated the investigation with no duty.",
    }),
  );

export interface Publication {
  kind: string;
  /** Who publishes, and whose approval inbox it lands in. */
  publisher: string;
  head: string;
  path: string;
  body: (ref: string) => unknown;
  workflowId: (ref: string) => string;
}

export const PUBLICATIONS: Publication[] = [
  {
    kind: "trade-restriction",
    publisher: "staff.us@teamkorea.dev",
    head: "head.us@teamkorea.dev",
    path: "/v1/events",
    body: (caseRef) =>
      envelope(TRADE_RESTRICTION_DETECTED, "EMB-US", {
        country: "US",
        caseRef,
        measure: "anti_dumping",
        products: [{ hsCode: "7208.51", description: "Hot-rolled steel plate" }],
        authority: "US Department of Commerce",
        summary: "Anti-dumping investigation opened on Korean hot-rolled steel plate.",
        commentDeadline: day(30),
      }),
    workflowId: (ref) => workflowIdFor("trade-restriction", "US", ref),
  },
  {
    kind: "youth-job",
    publisher: "hrdk.vn@teamkorea.dev",
    head: "head.vn@teamkorea.dev",
    path: "/v1/events",
    body: (openingRef) =>
      envelope(JOB_OPENING_POSTED, "HRDK-VN", {
        country: "VN",
        openingRef,
        employer: "Korean electronics supplier",
        title: "Production engineering trainee",
        positions: 2,
        channel: "hrdkorea",
        closesOn: day(40),
      }),
    workflowId: (ref) => workflowIdFor("youth-job", "VN", ref),
  },
  {
    kind: "anniversary",
    publisher: "staff.se@teamkorea.dev",
    head: "head.se@teamkorea.dev",
    path: "/v1/events",
    body: (eventRef) =>
      envelope(ANNIVERSARY_PROPOSED, "EMB-SE", {
        country: "SE",
        eventRef,
        title: "한-스웨덴 수교 기념 리셉션",
        occasion: "Anniversary of diplomatic relations",
        date: day(50),
        budgetKrw: 10_000_000,
        components: [
          { org: "KCC-SE", task: "Photo exhibition", dueOn: day(49) },
          { org: "EMB-SE", task: "Reception", dueOn: day(50) },
        ],
      }),
    workflowId: (ref) => workflowIdFor("anniversary", "SE", ref),
  },
  {
    kind: "mission-plan",
    publisher: "staff.cn@teamkorea.dev",
    head: "head.cn@teamkorea.dev",
    path: "/v1/plans",
    body: (planRef) => ({
      country: "CN",
      planRef,
      title: "Korean community day",
      summary: "A day for the Korean community in Beijing.",
      assignments: [
        { org: "EMB-CN", task: "Hold the day.", dueOn: day(20) },
        { org: "KCC-CN", task: "Cultural programme.", dueOn: day(18) },
      ],
    }),
    workflowId: (ref) => workflowIdFor("mission-plan", "CN", ref),
  },
];

/**
 * Watches a head's pending approvals the way the head's inbox would (GET /v1/approvals), every
 * 20 ms, and resolves each awaited task when its approval is listed.
 */
export function approvalWatcher(hub: BenchHub, head: string) {
  const waiting = new Map<string, (at: number) => void>();
  let running = true;
  const loop = (async () => {
    const token = await hub.token(head);
    while (running) {
      if (waiting.size > 0) {
        try {
          const r = await fetch(`${hub.apiUrl}/v1/approvals?status=pending&limit=200`, { headers: { authorization: `Bearer ${token}` } });
          const seen = performance.now();
          for (const a of ((await r.json()) as { items: { workflowId: string }[] }).items) {
            const done = waiting.get(a.workflowId);
            if (done) {
              waiting.delete(a.workflowId);
              done(seen);
            }
          }
        } catch {
          // the API is momentarily busy; look again
        }
      }
      await sleep(20);
    }
  })();
  return {
    /** Resolves with the time the approval was first seen listed, or null after the timeout. */
    seen(workflowId: string, timeoutMs = 60_000): Promise<number | null> {
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiting.delete(workflowId);
          resolve(null);
        }, timeoutMs);
        waiting.set(workflowId, (at) => {
          clearTimeout(timer);
          resolve(at);
        });
      });
    },
    async stop() {
      running = false;
      await loop;
    },
  };
}

export const ref = (prefix: string, i: number) => `${prefix}-${i}-${randomUUID().slice(0, 6)}`.toUpperCase();
