export * from "./common";
export * from "./events";
export * from "./http";
export * from "./joint-tasks";
