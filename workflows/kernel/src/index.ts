// The kernel's public face for Node code (API, router, worker) and for kinds. The workflow
// runner itself is `@hub/joint-task/workflow`, imported only by workflow code.
export type { JointTaskActivities } from "./activities";
export * from "./approval-rules";
export * from "./dates";
export * from "./definitions";
export type { KindModule, KindTemplate, TaskControl, TaskView } from "./kind";
export { reportsOf } from "./kind";
export * from "./plan-rules";
export { type ApprovalState, type AssignmentState, JointTaskState, type Refusal } from "./task-state";
export * from "./team";
