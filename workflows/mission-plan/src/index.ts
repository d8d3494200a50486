export { missionPlan } from "./kind";
export * from "./plan";
