export { tradeRestriction } from "./kind";
export * from "./plan";
