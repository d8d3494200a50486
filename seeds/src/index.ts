export { DUTIES, ORGS, type SeedDuty, type SeedOrg, type SeedUser, USERS } from "./data";
export { type DemoCase, demoCases, demoSteelCase, publishDemoCases } from "./demo";
export { loadSeeds } from "./load";
