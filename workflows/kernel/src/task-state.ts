/**
 * The state of one joint task and the rules over it, free of Temporal so every rule is unit
 * tested on its own. The workflow keeps one instance, asks it whether a message may be taken
 * (a refusal becomes the Update's failure) and tells it what happened.
 */
import type {
  Actor,
  AssignmentActionInput,
  CancelInput,
  ClaimInput,
  DecideInput,
  HandOverInput,
  Holder,
  Plan,
  PlanAssignment,
  RevisePlanInput,
} from "@hub/contracts";
import { type AssignmentStatus, type DeciderRole, isOpenAssignment, nextAssignmentStatus, type TaskStatus } from "@hub/contracts/core";
import { FAILURE, type FailureType } from "./definitions";
import { type PlanIssue, validatePlan } from "./plan-rules";
import type { ResolvedTeam } from "./team";

export interface Refusal {
  type: FailureType;
  message: string;
  issues?: PlanIssue[];
}

export interface ApprovalState {
  id: string;
  round: number;
  step: number;
  role: DeciderRole;
  /** The organisation that decides this step. */
  decider: string;
  status: "pending" | "approved" | "rejected" | "changes_requested";
  escalated: boolean;
  /** Whom the step passed to because its head left (an acting head's e-mail, or HQ); null while it has not. */
  handedOverTo?: string | null;
  /** The decision is in the read model: the round may move on. */
  recorded: boolean;
  decidedBy: Actor | null;
}

export interface AssignmentState extends PlanAssignment {
  id: string;
  status: AssignmentStatus;
  /** The completion report or the reason for declining. */
  text: string | null;
  outcome: string | null;
  /** Who in the organisation holds it (claimed or assigned); null or absent: in the organisation's queue. */
  holder?: Holder | null;
}

/** How a holder is named to others: "Name (email)", or the e-mail alone. */
export const holderName = (h: Holder) => (h.name ? `${h.name} (${h.email})` : h.email);

const conflict = (message: string): Refusal => ({ type: FAILURE.conflict, message });
const forbidden = (message: string): Refusal => ({ type: FAILURE.forbidden, message });

const DECISION_STATUS = { approve: "approved", reject: "rejected", request_changes: "changes_requested" } as const;

export class JointTaskState {
  status: TaskStatus = "awaiting_approval";
  team: ResolvedTeam | null = null;
  plan: Plan | null = null;
  approval: ApprovalState | null = null;
  revision: RevisePlanInput | null = null;
  cancellation: CancelInput | null = null;
  cancelRecorded = false;
  readonly assignments = new Map<string, AssignmentState>();
  private actionSeq = 0;
  private claimSeq = 0;

  constructor(readonly country: string) {}

  get mission(): string {
    return this.team?.mission ?? "";
  }

  get cancelled(): boolean {
    return this.cancellation !== null;
  }

  get closed(): boolean {
    return this.status === "completed" || this.status === "rejected" || this.status === "cancelled";
  }

  openAssignments(): AssignmentState[] {
    return [...this.assignments.values()].filter((a) => isOpenAssignment(a.status));
  }

  allAssignmentsClosed(): boolean {
    return this.openAssignments().length === 0;
  }

  // ── approvals ────────────────────────────────────────────────────────────

  refuseDecision({ approvalId, actor }: DecideInput): Refusal | null {
    const a = this.approval;
    if (this.cancelled || this.closed) return conflict(`this task is ${this.cancelled ? "cancelled" : this.status}; nothing more can be decided`);
    if (!a || a.id !== approvalId) return conflict("this approval is no longer open");
    if (a.status !== "pending") return conflict(`this approval was already decided (${a.status})`);
    const hq = this.team?.hq;
    if (actor.org === a.decider || (a.escalated && actor.org === hq)) return null;
    if (a.role === "hq") return forbidden(`this step of the approval is HQ's (${a.decider}) to decide`);
    return forbidden(`only the head of ${a.decider} may decide this approval${a.escalated ? `, or HQ (${hq}) since it was escalated` : ""}`);
  }

  /** A hand-over is for the pending head's step it names, once. */
  refuseHandOver({ approvalId }: HandOverInput): Refusal | null {
    const a = this.approval;
    if (this.cancelled || this.closed) return conflict(`this task is ${this.cancelled ? "cancelled" : this.status}`);
    if (!a || a.id !== approvalId || a.status !== "pending") return conflict("this approval is no longer open");
    if (a.role !== "mission") return conflict("this step is HQ's: it has no head to leave");
    if (a.escalated || a.handedOverTo) return conflict(`this approval already passed to ${a.handedOverTo ?? "HQ"}`);
    return null;
  }

  /** Records whom the step passed to; passing to HQ lets HQ decide it, as an escalation does. */
  applyHandOver({ to }: HandOverInput): ApprovalState {
    const a = this.approval as ApprovalState;
    a.handedOverTo = to.kind === "hq" ? (this.team?.hq ?? "HQ") : to.email;
    if (to.kind === "hq") a.escalated = true;
    return a;
  }

  applyDecision({ decision, actor }: DecideInput): ApprovalState {
    const a = this.approval as ApprovalState;
    a.status = DECISION_STATUS[decision];
    a.decidedBy = actor;
    return a;
  }

  // ── assignments ──────────────────────────────────────────────────────────

  refuseAssignmentAction({ assignmentId, action, actor, outcome, asLead }: AssignmentActionInput): Refusal | null {
    const a = this.assignments.get(assignmentId);
    if (!a) return conflict("this assignment is not part of the task");
    if (actor.org !== a.org) return forbidden(`this assignment belongs to ${a.org}`);
    if (a.holder && a.holder.email !== actor.email && !asLead) {
      return forbidden(`this assignment is held by ${holderName(a.holder)}; only they or a lead of ${a.org} may act on it`);
    }
    if (!nextAssignmentStatus(a.status, action)) return conflict(`cannot ${action} an assignment that is ${a.status}`);
    if (action === "complete" && a.outcomes && (outcome === undefined || !a.outcomes.includes(outcome))) {
      return {
        type: FAILURE.invalid,
        message: `completing this assignment needs an outcome: one of ${a.outcomes.join(", ")}`,
        issues: [{ path: "body.outcome", message: `must be one of ${a.outcomes.join(", ")}` }],
      };
    }
    return null;
  }

  applyAssignmentAction({ assignmentId, action, text, outcome }: AssignmentActionInput) {
    const a = this.assignments.get(assignmentId) as AssignmentState;
    const from = a.status;
    const to = nextAssignmentStatus(from, action) as AssignmentStatus;
    a.status = to;
    if (action === "complete" || action === "decline") a.text = text ?? null;
    if (action === "complete" && a.outcomes) a.outcome = outcome ?? null;
    this.actionSeq += 1;
    return { from, to, seq: this.actionSeq };
  }

  /**
   * Claim, release, assign. An open assignment of the actor's organisation only (else 403); a
   * claim takes it from the queue (409 naming the holder when someone else has it); a release is
   * the holder's or a lead's, or the hub's when the holder left (actor null); assigning and
   * reassigning is a lead's.
   */
  refuseClaim({ assignmentId, action, actor, asLead, to }: ClaimInput): Refusal | null {
    const a = this.assignments.get(assignmentId);
    if (!a) return conflict("this assignment is not part of the task");
    if (this.cancelled || this.closed) return conflict(`this task is ${this.cancelled ? "cancelled" : this.status}`);
    if (actor && actor.org !== a.org) return forbidden(`this assignment belongs to ${a.org}`);
    if (!isOpenAssignment(a.status)) return conflict(`this assignment is ${a.status}: nobody can ${action} it any more`);
    const holder = a.holder ?? null;
    if (actor === null) {
      if (action !== "release") return forbidden("only a person may claim or assign an assignment");
      return holder ? null : conflict("this assignment is in its organisation's queue already");
    }
    if (action === "claim") {
      if (holder?.email === actor.email) return conflict("you hold this assignment already");
      if (holder) return conflict(`this assignment is held by ${holderName(holder)}`);
      return null;
    }
    if (action === "release") {
      if (!holder) return conflict("this assignment is in its organisation's queue already");
      if (holder.email !== actor.email && !asLead)
        return forbidden(`this assignment is held by ${holderName(holder)}; only they or a lead of ${a.org} may release it`);
      return null;
    }
    if (!asLead) return forbidden(`only a lead of ${a.org} may assign its assignments`);
    if (!to)
      return { type: FAILURE.invalid, message: "assigning needs the person to assign it to", issues: [{ path: "body.to", message: "is required" }] };
    if (holder?.email === to.email) return conflict(`this assignment is held by ${holderName(holder)} already`);
    return null;
  }

  applyClaim({ assignmentId, action, actor, to }: ClaimInput) {
    const a = this.assignments.get(assignmentId) as AssignmentState;
    const previous = a.holder ?? null;
    const holder: Holder | null = action === "release" ? null : (to ?? { email: (actor as Actor).email });
    a.holder = holder;
    this.claimSeq += 1;
    return { previous, holder, seq: this.claimSeq };
  }

  addAssignments(items: (PlanAssignment & { id: string })[]): void {
    for (const i of items) this.assignments.set(i.id, { ...i, status: "pending", text: null, outcome: null });
  }

  // ── plan revision and cancellation ──────────────────────────────────────

  refuseRevision({ plan, actor }: RevisePlanInput, today: string): Refusal | null {
    if (this.status !== "changes_requested" || this.revision !== null || this.cancelled) {
      return conflict("the plan can be revised only once after the head requested changes");
    }
    if (actor.org !== this.mission) return forbidden(`only ${this.mission} may revise this plan`);
    const team = this.team as ResolvedTeam;
    const issues = validatePlan(plan, {
      country: this.country,
      today,
      participants: team.checksParticipants ? new Set(team.participants) : null,
      mission: team.mission,
    });
    if (issues.length > 0) return { type: FAILURE.invalid, message: "the revised plan is invalid", issues };
    return null;
  }

  refuseCancel({ actor }: CancelInput): Refusal | null {
    if (this.cancelled) return conflict("this task is already cancelled");
    if (this.closed) return conflict(`this task is already ${this.status}`);
    if (actor.org !== this.mission && actor.org !== this.team?.hq) return forbidden(`only the head of ${this.mission} or HQ may cancel this task`);
    return null;
  }
}
