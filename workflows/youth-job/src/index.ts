export { youthJob } from "./kind";
export * from "./plan";
