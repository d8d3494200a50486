/**
 * Each kind of joint task by name, in both languages: typed by the one list of kinds
 * (@hub/contracts WORKFLOW_KINDS), so a new kind without its labels fails the type-check, and
 * kinds.test.ts fails `npm test` too.
 */
import type { WorkflowKind } from "@hub/contracts/core";

const ko: { kind: Record<WorkflowKind, string> } = {
  kind: { "trade-restriction": "수입규제 대응", "youth-job": "청년 해외취업", anniversary: "기념행사", "mission-plan": "공관 자체 계획" },
};

const en: typeof ko = {
  kind: {
    "trade-restriction": "Trade restriction",
    "youth-job": "Youth overseas job",
    anniversary: "Anniversary event",
    "mission-plan": "Mission plan",
  },
};

export const kinds = { ko, en };
