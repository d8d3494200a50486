-- The inboxes' "most urgent first" orders page on keyset cursors too: approvals by decide-by time
-- (a mission's, and HQ's across missions), assignments by due day (an organisation's, and all).
CREATE INDEX "approvals_mission_code_status_decide_by_id_idx" ON "approvals" ("mission_code", "status", "decide_by", "id");
CREATE INDEX "approvals_status_decide_by_id_idx" ON "approvals" ("status", "decide_by", "id");
CREATE INDEX "assignments_org_code_due_on_id_idx" ON "assignments" ("org_code", "due_on", "id");
CREATE INDEX "assignments_due_on_id_idx" ON "assignments" ("due_on", "id");
