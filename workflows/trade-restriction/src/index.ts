export * from "./definitions";
export * from "./plan";
export type { TradeRestrictionActivities } from "./activities";
