-- Claims people are told about: an assignment a lead gave to someone (they, and whoever held it
-- before), and one the hub returned to the queue because its holder left (the organisation's lead).
DROP TRIGGER "timeline_notice_fact" ON "timeline";
CREATE TRIGGER timeline_notice_fact AFTER INSERT ON "timeline" FOR EACH ROW
  WHEN (NEW.action IN ('approval.requested', 'approval.escalated', 'approval.handed_over', 'approval.overdue', 'assignment.created',
                       'assignment.reminder', 'assignment.overdue', 'assignment.assigned', 'assignment.released',
                       'task.cancelled', 'task.completed', 'task.rejected'))
  EXECUTE FUNCTION notice_fact_from_timeline();
