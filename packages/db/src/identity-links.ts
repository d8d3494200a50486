/**
 * Who a single sign-on token names: a person is found by the provider's issuer and `sub`, and that
 * link is made once, at their first sign-in, by the e-mail the provider has verified. From then on
 * the e-mail in the token decides nothing: a person whose address changes at the provider is still
 * themselves, and an address reused by another account at the provider is not them.
 */
import type { OrgKind, Principal, Role } from "@hub/contracts";
import { type Queryable, sql } from "./client";

export interface ProviderIdentity {
  issuer: string;
  sub: string;
  /** The address the provider has verified; null when it has not (or sent none). */
  verifiedEmail: string | null;
}

export type IdentityLink =
  | { kind: "person"; id: string }
  /** The e-mail is the directory's, but another account at the provider is linked to it. */
  | { kind: "taken"; email: string }
  /** Neither the account nor a verified e-mail the directory holds. */
  | { kind: "unknown"; email: string | null };

const bySubject = (q: Queryable, id: ProviderIdentity) =>
  q.one<{ id: string }>(sql`SELECT id FROM users WHERE oidc_issuer = ${id.issuer} AND oidc_subject = ${id.sub}`);

/** The person this provider account is, linking it on first sight; one query once linked. */
export async function personOfIdentity(q: Queryable, id: ProviderIdentity): Promise<IdentityLink> {
  const linked = await bySubject(q, id);
  if (linked) return { kind: "person", id: linked.id };
  if (!id.verifiedEmail) return { kind: "unknown", email: null };
  const email = id.verifiedEmail.toLowerCase();
  // Only a person not linked yet is linked. Two first sign-ins of one account at once: one links,
  // the other finds the link made (the unique index keeps an account to one person).
  const now = await q
    .one<{ id: string }>(sql`
      UPDATE users SET oidc_issuer = ${id.issuer}, oidc_subject = ${id.sub}
      WHERE email = ${email} AND oidc_subject IS NULL RETURNING id`)
    .catch((err: { code?: string }) => {
      if (err.code === "23505") return null;
      throw err;
    });
  if (now) return { kind: "person", id: now.id };
  const again = await bySubject(q, id);
  if (again) return { kind: "person", id: again.id };
  const held = await q.one<{ id: string }>(sql`SELECT id FROM users WHERE email = ${email}`);
  return held ? { kind: "taken", email } : { kind: "unknown", email };
}

/** The principal of an account already linked and posted today, in the one query a request costs; null otherwise. */
export async function principalOfIdentity(q: Queryable, id: ProviderIdentity): Promise<Principal | null> {
  const u = await q.one<{ id: string; email: string; role: Role; org_code: string; kind: OrgKind; country: string | null }>(sql`
    SELECT n.id, n.email, n.role, n.org_code, o.kind, o.country
    FROM users u JOIN people_now n ON n.id = u.id JOIN organizations o ON o.code = n.org_code
    WHERE u.oidc_issuer = ${id.issuer} AND u.oidc_subject = ${id.sub}`);
  if (!u) return null;
  return { userId: u.id, email: u.email, role: u.role, orgCode: u.org_code, orgKind: u.kind, orgCountry: u.country?.trim() ?? null };
}
