export { ORGS, USERS, type SeedOrg, type SeedUser } from "./data";
export { loadSeeds } from "./load";
export { demoSteelCase, publishDemoCase } from "./demo";
