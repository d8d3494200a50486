export * from "./auth";
export * from "./closing-reports";
export * from "./common";
export { clipText, LIMITS, listWithin } from "./core";
export * from "./events";
export * from "./http";
export * from "./joint-tasks";
export * from "./kinds";
export type * from "./read-model-writes";
