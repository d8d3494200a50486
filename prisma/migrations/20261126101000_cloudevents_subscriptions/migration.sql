-- CloudEvents (issue 10). The attributes the spec makes optional, and extension attributes, are
-- kept in the log: `time_defaulted` says an event came without `time` and was given the moment
-- of acceptance; `extensions` holds every attribute the spec does not define, by name.
ALTER TABLE "events" ADD COLUMN "time_defaulted" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "dataschema" TEXT,
ADD COLUMN "extensions" JSONB;

-- Outbound subscriptions: an organisation's system receives, as CloudEvents by HTTP POST, what
-- the subscribing user may see. The secret signs each body (HMAC-SHA256); it is shown once.
CREATE TABLE "subscriptions" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "org_code" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "types" TEXT[],
    "secret" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "parked_reason" TEXT,
    "parked_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "subscriptions_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "subscriptions_status_check" CHECK ("status" IN ('active', 'parked'))
);

CREATE INDEX "subscriptions_org_code_created_at_idx" ON "subscriptions"("org_code", "created_at");

ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One row per CloudEvent owed to a subscriber, with the exact body that is signed and sent.
-- Unique per (subscription, event id): a receiver that answered 2xx is never sent it again.
CREATE TABLE "subscription_deliveries" (
    "id" BIGSERIAL NOT NULL,
    "subscription_id" UUID NOT NULL,
    "ce_id" TEXT NOT NULL,
    "ce_type" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leased_until" TIMESTAMP(3),
    "delivered_at" TIMESTAMP(3),
    "last_error" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "subscription_deliveries_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "subscription_deliveries_subscription_id_ce_id_key" ON "subscription_deliveries"("subscription_id", "ce_id");
-- The sender's one query: due, undelivered rows, oldest first.
CREATE INDEX "subscription_deliveries_due_idx" ON "subscription_deliveries"("next_attempt_at") WHERE "delivered_at" IS NULL;

ALTER TABLE "subscription_deliveries" ADD CONSTRAINT "subscription_deliveries_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "subscriptions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- How far the subscription feeds have read the change feed (changes, in (xid, seq) order).
CREATE TABLE "subscription_feed" (
    "name" TEXT NOT NULL,
    "xid" BIGINT NOT NULL,
    "seq" BIGINT NOT NULL,

    CONSTRAINT "subscription_feed_pkey" PRIMARY KEY ("name")
);
