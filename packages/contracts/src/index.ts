export * from "./common";
export * from "./events";
export * from "./joint-tasks";
export * from "./http";
