-- DropIndex
DROP INDEX "outbox_messages_published_at_sequence_idx";

-- CreateIndex
CREATE INDEX "outbox_messages_unpublished_idx" ON "outbox_messages"("sequence") WHERE ("published_at" IS NULL);
