/** Principals and a status probe for the unit tests of access.ts (access*.test.ts). */
import type { Principal } from "@hub/contracts";
import { HttpError } from "./errors";

export const who = (role: Principal["role"], orgCode: string, orgKind: Principal["orgKind"], orgCountry: string | null): Principal => ({
  userId: "u",
  email: `${orgCode}@x`,
  role,
  orgCode,
  orgKind,
  orgCountry,
});

/** The status an access check answers with, or 200 when it lets the caller through. */
export const statusOf = (check: () => unknown) => {
  try {
    check();
    return 200;
  } catch (err) {
    if (err instanceof HttpError) return err.statusCode;
    throw err;
  }
};
