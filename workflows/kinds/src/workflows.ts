// Every workflow the worker registers; the bundle's entry point. Names must match the registry's workflowType.
export { anniversaryWorkflow } from "@hub/wf-anniversary/workflow";
export { missionPlanWorkflow } from "@hub/wf-mission-plan/workflow";
export { tradeRestrictionWorkflow } from "@hub/wf-trade-restriction/workflow";
export { youthJobWorkflow } from "@hub/wf-youth-job/workflow";
