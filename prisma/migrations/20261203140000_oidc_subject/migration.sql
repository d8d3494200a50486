-- Single sign-on maps a person by the provider's stable identifier (issuer + `sub`), linked on
-- their first sign-in by the e-mail the provider has verified: an address changed or reused at the
-- provider later no longer decides who someone is.
ALTER TABLE "users" ADD COLUMN "oidc_issuer" TEXT, ADD COLUMN "oidc_subject" TEXT;
ALTER TABLE "users" ADD CONSTRAINT "users_oidc_identity_check" CHECK (("oidc_issuer" IS NULL) = ("oidc_subject" IS NULL));
CREATE UNIQUE INDEX "users_oidc_issuer_oidc_subject_key" ON "users" ("oidc_issuer", "oidc_subject");
