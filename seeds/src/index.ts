export { SEED_DIRECTORY, SEED_DIRECTORY_FILE, type SeedUser, USERS } from "./directory";
export { type DemoCase, demoCases, demoSteelCase, publishDemoCases } from "./demo";
export { loadSeeds } from "./load";
export { DEV_PASSWORD, keycloakRealm, keycloakRealms, OTHER_REALM, OUTSIDER_EMAIL, type RealmOptions, SHORT_LIVED_CLIENT } from "./realm";
