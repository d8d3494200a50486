export { ORGS, type SeedOrg, type SeedUser, USERS } from "./data";
export { demoSteelCase, publishDemoCase } from "./demo";
export { loadSeeds } from "./load";
