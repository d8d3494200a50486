/**
 * Who may do what. Pure functions over the caller and the thing acted on, so every rule is
 * testable on its own and every route states its check in one line.
 */
import type { Principal, TypedEvent } from "@hub/contracts";
import { forbidden } from "./errors";

const PUBLISHERS = new Set(["MISSION_HEAD", "MISSION_STAFF", "AGENCY_STAFF"]);

export function assertMayPublish(p: Principal, e: TypedEvent): void {
  if (!PUBLISHERS.has(p.role)) throw forbidden(`${p.role} accounts do not publish events; mission and agency staff do`);
  if (e.source !== p.orgCode) throw forbidden(`You act for ${p.orgCode}: publish with "source": "${p.orgCode}", not "${e.source}"`);
  if (p.orgCountry && e.data.country !== p.orgCountry) {
    throw forbidden(`${p.orgCode} acts for ${p.orgCountry}; it cannot publish events about ${e.data.country}`);
  }
}

export function assertMaySeeApprovals(p: Principal): void {
  const ok = p.role === "HQ_REVIEWER" || ((p.role === "MISSION_HEAD" || p.role === "MISSION_STAFF") && p.orgKind === "MISSION");
  if (!ok) throw forbidden("Approvals are for heads of mission, their staff and HQ reviewers");
}

export function assertMayDecide(p: Principal, a: { missionCode: string; escalatedAt: Date | null }): void {
  if (p.role === "MISSION_HEAD" && p.orgCode === a.missionCode) return;
  if (p.role === "HQ_REVIEWER" && a.escalatedAt) return;
  if (p.role === "HQ_REVIEWER") throw forbidden("HQ decides only approvals escalated to it; this one is still with the head of mission");
  throw forbidden(`Only the head of ${a.missionCode} may decide this approval`);
}

export function assertMayReviseFor(p: Principal, missionCode: string): void {
  if ((p.role === "MISSION_HEAD" || p.role === "MISSION_STAFF") && p.orgCode === missionCode) return;
  throw forbidden(`Only ${missionCode}'s head or staff may revise this plan`);
}

const ASSIGNEES = new Set(["MISSION_HEAD", "MISSION_STAFF", "AGENCY_STAFF"]);

export function assertMayActOnAssignment(p: Principal, a: { orgCode: string }): void {
  if (!ASSIGNEES.has(p.role) || p.orgCode !== a.orgCode) {
    throw forbidden(`This assignment belongs to ${a.orgCode}; you act for ${p.orgCode}`);
  }
}

export function assertMayReadDeadLetters(p: Principal): void {
  if (p.role !== "ADMIN" && p.role !== "HQ_REVIEWER") throw forbidden("Dead letters are for administrators and HQ reviewers");
}

export function assertAdmin(p: Principal): void {
  if (p.role !== "ADMIN") throw forbidden("Only administrators may do this");
}
