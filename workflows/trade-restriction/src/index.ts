export type { TradeRestrictionActivities } from "./activities";
export * from "./definitions";
export * from "./plan";
