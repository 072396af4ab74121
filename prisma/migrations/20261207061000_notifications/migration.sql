-- The in-app inbox and its mail outbox.
ALTER TABLE "app_user" ADD COLUMN "notify_email" TEXT;

CREATE TYPE "NotificationKind" AS ENUM ('LEAD_ASSIGNED', 'FOLLOW_UP_DUE', 'REVIEW_WAITING', 'IMPORT_FINISHED', 'IMPORT_FAILED', 'BALIKAN_DUE');

CREATE TABLE "notification" (
    "id" BIGSERIAL NOT NULL,
    "user_id" UUID NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT,
    "href" TEXT,
    "dedupe_key" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" TIMESTAMPTZ(3),
    "mail_pending" BOOLEAN NOT NULL DEFAULT false,
    "mailed_at" TIMESTAMPTZ(3),

    CONSTRAINT "notification_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "notification_user_id_dedupe_key_key" ON "notification"("user_id", "dedupe_key");
CREATE INDEX "notification_user_id_created_at_idx" ON "notification"("user_id", "created_at");
-- The bell counts a user's unread notices on every page; the mail job looks for pending ones.
CREATE INDEX "notification_unread_idx" ON "notification"("user_id") WHERE "read_at" IS NULL;
CREATE INDEX "notification_mail_pending_idx" ON "notification"("id") WHERE "mail_pending";
