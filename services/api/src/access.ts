/**
 * Who may do what. Pure functions over the caller and the thing acted on, so every rule is
 * testable on its own and every route states its check in one line.
 *
 * Two answers for a thing named by id: who may not see it is told it does not exist — the same
 * 404 as for an id nobody issued, so an outsider cannot probe which cases, approvals or
 * assignments exist; who may see it but not do what was asked gets 403 with the reason.
 */
import { type Principal, type PublishRule, publishRefusal, type TypedEvent } from "@hub/contracts";
import { maySeeApprovals } from "@hub/db";
import { badRequest, conflict, forbidden, notFound } from "./errors";

const PUBLISHERS = new Set(["MISSION_HEAD", "MISSION_STAFF", "AGENCY_STAFF"]);
const MISSION_ROLES = new Set(["MISSION_HEAD", "MISSION_STAFF"]);
const isMissionPerson = (p: Principal) => MISSION_ROLES.has(p.role) && p.orgKind === "MISSION";

/**
 * An event's publisher acts for its own organisation, about its own country (ministries at
 * home: about any country, where the type's rule lets them). `dutiesOfCaller` are the
 * directory duties of the caller's organisation.
 */
export function assertMayPublish(p: Principal, e: TypedEvent, rule: PublishRule, dutiesOfCaller: string[]): void {
  if (!PUBLISHERS.has(p.role)) throw forbidden(`${p.role} accounts do not publish events; mission and agency staff do`);
  const refusal = publishRefusal(
    { orgCode: p.orgCode, orgCountry: p.orgCountry, actsAsMission: isMissionPerson(p), duties: dutiesOfCaller },
    e,
    rule,
  );
  if (refusal) throw forbidden(refusal);
}

/** Who may use the approvals list (and so hears of approvals on the live stream): the rule lives with the other visibility rules. */
export { maySeeApprovals };

export function assertMaySeeApprovals(p: Principal): void {
  if (!maySeeApprovals(p)) throw forbidden("Approvals are for heads of mission, their staff and HQ reviewers");
}

/** The one answer for an id the caller may not see and for an id that does not exist. */
export const unseen = (what: string, id: string) => notFound(`No ${what} ${id}`);

/** One approval: its mission's people, HQ, and the organisations kept informed of its task. */
export function maySeeApproval(p: Principal, a: { missionCode: string }, informed: boolean): boolean {
  return p.role === "HQ_REVIEWER" || informed || (isMissionPerson(p) && p.orgCode === a.missionCode);
}

/**
 * Who decides a step: its decider's head (the mission's head, or an acting head inside the
 * delegation window), HQ for HQ's step or once the head's step was escalated. `actingFor` is
 * the head a staff member acts for today, if any.
 */
export function assertMayDecide(p: Principal, a: { missionCode: string; decider: string; escalatedAt: Date | null }, actingFor: string | null): void {
  const missionStep = a.decider === a.missionCode;
  if (missionStep && p.orgCode === a.decider && p.role === "MISSION_HEAD") return;
  if (missionStep && p.orgCode === a.decider && p.role === "MISSION_STAFF" && actingFor) return;
  if (p.role === "HQ_REVIEWER" && (p.orgCode === a.decider || a.escalatedAt)) return;
  if (p.role === "HQ_REVIEWER") throw forbidden("HQ decides only approvals escalated to it; this one is still with the head of mission");
  if (!missionStep) throw forbidden(`This step of the approval is HQ's (${a.decider}) to decide`);
  if (p.role === "MISSION_STAFF" && p.orgCode === a.decider) {
    throw forbidden(`Only the head of ${a.decider} may decide this approval, or an acting head inside a delegation from the head`);
  }
  throw forbidden(`Only the head of ${a.decider} may decide this approval`);
}

/** The plan is its mission's: its head or staff revise it (and attach files to its versions: `doing` says which). */
export function assertMayReviseFor(p: Principal, missionCode: string, doing = "revise this plan"): void {
  if (MISSION_ROLES.has(p.role) && p.orgCode === missionCode) return;
  throw forbidden(`Only ${missionCode}'s head or staff may ${doing}`);
}

export function assertMayCancel(p: Principal, missionCode: string): void {
  if (p.role === "MISSION_HEAD" && p.orgCode === missionCode) return;
  if (p.role === "HQ_REVIEWER") return;
  throw forbidden(`Only the head of ${missionCode} or HQ may cancel this task`);
}

/** Plans are drafted by the head or staff of the country's mission. */
export function assertMaySubmitPlan(p: Principal, country: string): void {
  if (!isMissionPerson(p)) throw forbidden("Plans are drafted by the head or staff of a mission");
  if (p.orgCountry !== country) throw forbidden(`${p.orgCode} acts for ${p.orgCountry}; it cannot submit plans for ${country}`);
}

/** A head names an acting head from the staff of the same mission. */
export function assertMayDelegate(p: Principal): void {
  if (p.role !== "MISSION_HEAD" || p.orgKind !== "MISSION") throw forbidden("Only a head of mission may name an acting head");
}

export function assertMayReadDelegations(p: Principal): void {
  if (p.role === "HQ_REVIEWER" || p.role === "ADMIN" || isMissionPerson(p)) return;
  throw forbidden("Delegations are for missions, HQ reviewers and administrators");
}

/** One delegation: its mission's people, HQ reviewers and administrators. */
export function maySeeDelegation(p: Principal, d: { missionCode: string }): boolean {
  return p.role === "HQ_REVIEWER" || p.role === "ADMIN" || (isMissionPerson(p) && p.orgCode === d.missionCode);
}

/** The head who may grant a mission's delegations revokes them. */
export function assertMayRevoke(p: Principal, d: { missionCode: string }): void {
  if (p.role === "MISSION_HEAD" && p.orgKind === "MISSION" && p.orgCode === d.missionCode) return;
  throw forbidden(`Only the head of ${d.missionCode} may revoke this delegation`);
}

const ASSIGNEES = new Set(["MISSION_HEAD", "MISSION_STAFF", "AGENCY_STAFF"]);

export function assertMayActOnAssignment(p: Principal, a: { orgCode: string }): void {
  if (!ASSIGNEES.has(p.role) || p.orgCode !== a.orgCode) {
    throw forbidden(`This assignment belongs to ${a.orgCode}; you act for ${p.orgCode}`);
  }
}

export const maySeeDeadLetters = (p: Principal) => p.role === "ADMIN" || p.role === "HQ_REVIEWER";

export function assertMayReadDeadLetters(p: Principal): void {
  if (!maySeeDeadLetters(p)) throw forbidden("Dead letters are for administrators and HQ reviewers");
}

export function assertAdmin(p: Principal): void {
  if (p.role !== "ADMIN") throw forbidden("Only administrators may do this");
}

const BOARD_DENIED = "Team Korea boards are for a country's mission and agency offices, HQ reviewers and administrators";
/** The one answer for a country whose board the caller may not see and for a country without a Team Korea. */
export const noBoard = (country: string) => notFound(`No Team Korea board for ${country}`);

/**
 * Whose board a caller reads: the country's own mission people and agency offices (an agency
 * office belongs to its country's Team Korea and already sees every task of the country), any
 * country for HQ reviewers and administrators. Ministries at home belong to no country's team:
 * 403. Another country's board answers like a country without one (404), as ids do.
 */
export function boardCountryFor(p: Principal, country: string | undefined): string {
  if (p.role === "HQ_REVIEWER" || p.role === "ADMIN") {
    if (country) return country;
    throw badRequest("Name the country whose board to show: GET /v1/board?country=US", [
      { path: "querystring.country", message: "is required for HQ reviewers and administrators" },
    ]);
  }
  if (!p.orgCountry) throw forbidden(BOARD_DENIED);
  const wanted = country ?? p.orgCountry;
  if (wanted !== p.orgCountry) throw noBoard(wanted);
  return wanted;
}

/** The picture across missions is HQ's. */
export function assertMaySeeOverview(p: Principal): void {
  if (p.role === "HQ_REVIEWER" || p.role === "ADMIN") return;
  throw forbidden("The overview across missions is for HQ reviewers and administrators; your own country's board is at GET /v1/board");
}

/** The directory as a whole (its export, its audit) is read by administrators and HQ reviewers. */
export function assertMayReadDirectory(p: Principal): void {
  if (p.role === "ADMIN" || p.role === "HQ_REVIEWER") return;
  throw forbidden("The directory's export and audit are for administrators and HQ reviewers");
}

/** Only administrators change the directory. */
export function assertMayChangeDirectory(p: Principal): void {
  if (p.role !== "ADMIN") throw forbidden("Only administrators may change the directory");
}

/**
 * Whose people a caller may list: everyone's (null) for administrators and HQ reviewers, their
 * own organisation's for a head of mission (asking for another's is a 403 that says so); nobody
 * else reads the directory's people.
 */
export function peopleScopeFor(p: Principal, org: string | undefined): string | null {
  if (p.role === "ADMIN" || p.role === "HQ_REVIEWER") return org ?? null;
  if (p.role !== "MISSION_HEAD") throw forbidden("The directory's people are for administrators, HQ reviewers and heads of mission");
  if (org !== undefined && org !== p.orgCode) throw forbidden(`A head of mission sees the people of their own organisation (${p.orgCode}) only`);
  return p.orgCode;
}

/** One person: as the list's scope, a head seeing those posted at their organisation today; anyone else's id is a 404 like an unknown one. */
export function maySeePerson(p: Principal, current: { org: string } | null): boolean {
  const scope = peopleScopeFor(p, undefined);
  return scope === null || current?.org === scope;
}

/** A closed organisation keeps its history but takes no new work: it starts no task and is given none. */
export function assertOpen(org: { code: string; closed: boolean } | undefined): void {
  if (org?.closed) throw forbidden(`${org.code} is closed: it keeps its history but takes no new work`);
}

/**
 * A comment is changed (edited, deleted) by its author alone, as themselves: whoever may see the
 * task may write in its discussion (an informed organisation too), but nobody rewrites someone
 * else's words; HQ reads a deleted comment's tombstone instead.
 */
export function assertMayChangeComment(p: Principal, c: { authorId: string; deletedAt: Date | null }): void {
  if (c.authorId !== p.userId) throw forbidden("Only its author may edit or delete a comment");
  if (c.deletedAt) throw conflict("This comment was deleted; it can no longer be changed");
}

const ROTA_DENIED = "Duty rotas are for a mission's head and staff, HQ reviewers and administrators";
/** The one answer for a mission whose rota the caller may not see and for a code that is no mission. */
export const noRota = (code: string) => notFound(`No duty rota for ${code}`);

/**
 * A mission's duty rota (당직): its head and staff read and edit their own mission's; HQ
 * reviewers and administrators read every mission's and edit none. Another mission's rota
 * answers like a code that is no mission (404), as another country's board does; agency staff
 * and ministries have none (403).
 */
export function assertMayUseRota(p: Principal, missionCode: string, mode: "read" | "edit"): void {
  if (p.role === "HQ_REVIEWER" || p.role === "ADMIN") {
    if (mode === "read") return;
    throw forbidden(`HQ reviewers and administrators read every mission's rota; only the head and staff of ${missionCode} edit it`);
  }
  if (!isMissionPerson(p)) throw forbidden(ROTA_DENIED);
  if (p.orgCode !== missionCode) throw noRota(missionCode);
}
