-- A notice is for the posting its recipient held when it was made: one still due after they moved
-- to another organisation is parked unsent, as one for someone who left is (null: made before).
ALTER TABLE "notices" ADD COLUMN "recipient_org" TEXT;
