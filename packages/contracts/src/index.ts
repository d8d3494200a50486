export * from "./common";
export * from "./events";
export * from "./http";
export * from "./joint-tasks";
export type * from "./read-model-writes";
