export { anniversary } from "./kind";
export * from "./plan";
