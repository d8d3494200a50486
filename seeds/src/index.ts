export { type DemoCase, demoCases, demoSteelCase, publishDemoCases } from "./demo";
export { SEED_DIRECTORY, SEED_DIRECTORY_FILE, type SeedUser, USERS } from "./directory";
export { loadSeeds } from "./load";
export { DEV_PASSWORD, keycloakRealm, keycloakRealms, OTHER_REALM, OUTSIDER_EMAIL, type RealmOptions, SHORT_LIVED_CLIENT } from "./realm";
