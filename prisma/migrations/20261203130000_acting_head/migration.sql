-- A mission names who decides its head's approvals while no head is posted (직무대리): a head
-- who leaves with approvals pending hands them to this person, or to HQ when nobody is named.
ALTER TABLE "organizations" ADD COLUMN "acting_head" TEXT;
ALTER TABLE "organizations"
  ADD CONSTRAINT "organizations_acting_head_check" CHECK ("acting_head" IS NULL OR "kind" = 'MISSION');


-- A step passed to the acting head is news to them, as a new approval is.
DROP TRIGGER "timeline_notice_fact" ON "timeline";
CREATE TRIGGER timeline_notice_fact AFTER INSERT ON "timeline" FOR EACH ROW
  WHEN (NEW.action IN ('approval.requested', 'approval.escalated', 'approval.handed_over', 'approval.overdue', 'assignment.created',
                       'assignment.reminder', 'assignment.overdue', 'task.cancelled', 'task.completed', 'task.rejected'))
  EXECUTE FUNCTION notice_fact_from_timeline();
