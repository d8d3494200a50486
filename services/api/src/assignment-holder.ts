/** Who may act on a claimed assignment: its holder, or a lead of its organisation (as the task itself rules). */
import type { Principal } from "@hub/contracts";
import { type AssignmentRow, isLeadOf, type Queryable } from "@hub/db";
import { forbidden } from "./errors";

/**
 * Throws 403 naming the holder when someone else holds the assignment and the caller is no lead of
 * its organisation; returns whether the caller acts as that lead (the workflow is told so).
 * The organisation itself is checked first, by assertMayActOnAssignment.
 */
export async function assertHolderOrLead(db: Queryable, p: Principal, a: AssignmentRow): Promise<boolean> {
  const asLead = a.assigneeEmail !== null && a.assigneeEmail !== p.email && (await isLeadOf(db, p.email, a.orgCode));
  if (a.assigneeEmail && a.assigneeEmail !== p.email && !asLead) {
    const holder = a.assigneeName ? `${a.assigneeName} (${a.assigneeEmail})` : a.assigneeEmail;
    throw forbidden(`This assignment is held by ${holder}; only they or a lead of ${a.orgCode} may act on it`);
  }
  return asLead;
}
