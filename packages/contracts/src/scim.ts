/**
 * SCIM provisioning clients (docs/scim.md): an identity system an administrator lets provision
 * the directory through /scim/v2, each with its own bearer token, shown once when it is created
 * and stored only as a hash. The SCIM resources themselves are RFC 7643's and are described by
 * /scim/v2/Schemas, not here.
 */
import { z } from "zod";

/** Audited as `scim:<name>`: letters, digits, spaces, dots, dashes, underscores; no space at either end. */
export const ScimClientName = z
  .string()
  .regex(
    /^[A-Za-z0-9](?:[A-Za-z0-9 ._-]{0,62}[A-Za-z0-9._-])?$/,
    "must be 1–64 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit",
  );

export const NewScimClientBody = z.strictObject({ name: ScimClientName });
export type NewScimClientBody = z.infer<typeof NewScimClientBody>;

export const ScimClientItem = z.object({
  id: z.string(),
  name: z.string(),
  /** The administrator's e-mail, as written when they created it. */
  createdBy: z.string(),
  createdAt: z.string(),
  /** Revoked clients are kept (the audit names them); their token is refused. */
  revokedAt: z.string().nullable(),
});
export type ScimClientItem = z.infer<typeof ScimClientItem>;

/** The answer to creating a client: the only time its token is shown. */
export const ScimClientCreated = ScimClientItem.extend({ token: z.string() });
export type ScimClientCreated = z.infer<typeof ScimClientCreated>;

export const ScimClientList = z.object({ items: z.array(ScimClientItem) });
