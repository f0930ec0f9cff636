-- CreateEnum
CREATE TYPE "TipoAfiliacion" AS ENUM ('STANDARD', 'PREMIUM');

-- CreateEnum
CREATE TYPE "EstadoAfiliado" AS ENUM ('ACTIVO', 'SUSPENDIDO');

-- CreateTable
CREATE TABLE "afiliados" (
    "id" UUID NOT NULL,
    "nombre" VARCHAR(200) NOT NULL,
    "email" VARCHAR(320) NOT NULL,
    "telefono" VARCHAR(32),
    "tipo_afiliacion" "TipoAfiliacion" NOT NULL,
    "comision_base" DECIMAL(5,2) NOT NULL,
    "estado" "EstadoAfiliado" NOT NULL DEFAULT 'ACTIVO',
    "creado_en" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actualizado_en" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "afiliados_pkey" PRIMARY KEY ("id")
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
CREATE UNIQUE INDEX "afiliados_email_key" ON "afiliados"("email");

-- CreateIndex
CREATE INDEX "afiliados_estado_id_idx" ON "afiliados"("estado", "id");

-- CreateIndex
CREATE INDEX "afiliados_tipo_afiliacion_id_idx" ON "afiliados"("tipo_afiliacion", "id");

-- CreateIndex
CREATE INDEX "inbox_messages_correlation_id_idx" ON "inbox_messages"("correlation_id");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_messages_id_key" ON "outbox_messages"("id");

-- CreateIndex
CREATE INDEX "outbox_messages_published_at_sequence_idx" ON "outbox_messages"("published_at", "sequence");
