import { ClosingReport, EVENT_TYPES, KNOWN_EVENT_TYPES, START_EVENT, WORKFLOW_KINDS } from "@hub/contracts";
import { describe, expect, it } from "vitest";
import { KINDS, routeOf } from "./index";

describe("the kind registry", () => {
  it("has one module per kind, each naming itself", () => {
    for (const kind of WORKFLOW_KINDS) expect(KINDS[kind].module.kind).toBe(kind);
  });

  it("gives every kind a plan template, a closing-report schema and nothing for a kind that is not", () => {
    for (const kind of WORKFLOW_KINDS) {
      expect(KINDS[kind].module.template.assignments.length, kind).toBeGreaterThan(0);
      expect(KINDS[kind].module.template.title.trim(), kind).not.toBe("");
    }
    const reported = ClosingReport.options.map((o) => o.shape.kind.value);
    expect([...reported].sort()).toEqual([...WORKFLOW_KINDS].sort());
  });

  it("gives every kind exactly one start event, and every event type a kind", () => {
    for (const kind of WORKFLOW_KINDS)
      expect(KNOWN_EVENT_TYPES.filter((t) => EVENT_TYPES[t].kind === kind && EVENT_TYPES[t].role === "start")).toEqual([START_EVENT[kind]]);
    for (const t of KNOWN_EVENT_TYPES) expect(WORKFLOW_KINDS).toContain(EVENT_TYPES[t].kind);
  });

  it("routes starts and deliveries to the task named by the event, and nothing for unclaimed types", () => {
    expect(routeOf("kr.teamkorea.jobs.opening.posted.v1", { country: "VN", openingRef: "O-1" } as never)).toMatchObject({
      role: "start",
      kind: "youth-job",
      workflowId: "youth-job:VN:O-1",
      workflowType: "youthJobWorkflow",
    });
    expect(routeOf("kr.teamkorea.jobs.placement.confirmed.v1", { country: "VN", openingRef: "O-1" } as never)).toEqual({
      role: "deliver",
      kind: "youth-job",
      workflowId: "youth-job:VN:O-1",
    });
    expect(routeOf("kr.teamkorea.weather.report.v1", { country: "VN" })).toBeNull();
  });
});
