export * from "./anniversary";
export * from "./batch";
export * from "./bindings";
export * from "./envelope";
export * from "./jobs";
export * from "./plans";
export * from "./trade";
export * from "./types";
