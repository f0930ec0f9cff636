-- AlterTable
ALTER TABLE "inbox_messages" ADD COLUMN     "actor_scopes" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "actor_sub" TEXT;
