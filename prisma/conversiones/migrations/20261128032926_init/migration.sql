-- CreateEnum
CREATE TYPE "TipoConversion" AS ENUM ('VENTA', 'LEAD', 'CLIC');

-- CreateTable
CREATE TABLE "conversiones" (
    "id" UUID NOT NULL,
    "afiliado_id" UUID NOT NULL,
    "campana_id" UUID NOT NULL,
    "valor" DECIMAL(14,2) NOT NULL,
    "moneda" VARCHAR(3) NOT NULL,
    "tipo" "TipoConversion" NOT NULL,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "registrada_en" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conversiones_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inbox_messages" (
    "id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "correlation_id" UUID NOT NULL,
    "outcome" TEXT NOT NULL,
    "entity_id" UUID,
    "reason" TEXT,
    "processed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inbox_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_messages" (
    "sequence" BIGSERIAL NOT NULL,
    "id" UUID NOT NULL,
    "topic" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "envelope" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_messages_pkey" PRIMARY KEY ("sequence")
);

-- CreateIndex
CREATE INDEX "conversiones_afiliado_id_id_idx" ON "conversiones"("afiliado_id", "id");

-- CreateIndex
CREATE INDEX "conversiones_campana_id_id_idx" ON "conversiones"("campana_id", "id");

-- CreateIndex
CREATE INDEX "conversiones_registrada_en_idx" ON "conversiones"("registrada_en");

-- CreateIndex
CREATE INDEX "inbox_messages_correlation_id_idx" ON "inbox_messages"("correlation_id");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_messages_id_key" ON "outbox_messages"("id");

-- CreateIndex
CREATE INDEX "outbox_messages_published_at_sequence_idx" ON "outbox_messages"("published_at", "sequence");
