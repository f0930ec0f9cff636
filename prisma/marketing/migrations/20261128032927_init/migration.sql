-- CreateEnum
CREATE TYPE "TipoCampana" AS ENUM ('DIGITAL', 'PROMOCIONAL', 'FIDELIZACION', 'ESTACIONAL');

-- CreateEnum
CREATE TYPE "EstadoCampana" AS ENUM ('DRAFT', 'ACTIVE', 'PAUSED', 'COMPLETED');

-- CreateEnum
CREATE TYPE "EstadoComision" AS ENUM ('CALCULADA', 'APROBADA', 'PAGADA', 'RECHAZADA');

-- CreateEnum
CREATE TYPE "EstadoAfiliado" AS ENUM ('ACTIVO', 'SUSPENDIDO');

-- CreateTable
CREATE TABLE "campanas" (
    "id" UUID NOT NULL,
    "nombre" VARCHAR(200) NOT NULL,
    "descripcion" TEXT,
    "fecha_inicio" DATE NOT NULL,
    "fecha_fin" DATE NOT NULL,
    "presupuesto" DECIMAL(14,2) NOT NULL,
    "meta_conversiones" INTEGER NOT NULL,
    "tipo" "TipoCampana" NOT NULL,
    "estado" "EstadoCampana" NOT NULL DEFAULT 'DRAFT',
    "porcentaje_comision" DECIMAL(5,2) NOT NULL,
    "tags" TEXT[],
    "creada_en" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actualizada_en" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "campanas_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campana_afiliados" (
    "campana_id" UUID NOT NULL,
    "afiliado_id" UUID NOT NULL,
    "asignado_en" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "campana_afiliados_pkey" PRIMARY KEY ("campana_id","afiliado_id")
);

-- CreateTable
CREATE TABLE "comisiones" (
    "id" UUID NOT NULL,
    "conversion_id" UUID NOT NULL,
    "afiliado_id" UUID NOT NULL,
    "campana_id" UUID NOT NULL,
    "monto_base" DECIMAL(14,2) NOT NULL,
    "porcentaje" DECIMAL(5,2) NOT NULL,
    "monto" DECIMAL(14,2) NOT NULL,
    "moneda" VARCHAR(3) NOT NULL,
    "estado" "EstadoComision" NOT NULL,
    "motivo" TEXT,
    "calculada_en" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "aprobada_en" TIMESTAMPTZ(3),
    "pagada_en" TIMESTAMPTZ(3),

    CONSTRAINT "comisiones_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "afiliados_proyeccion" (
    "id" UUID NOT NULL,
    "nombre" VARCHAR(200) NOT NULL,
    "comision_base" DECIMAL(5,2) NOT NULL,
    "estado" "EstadoAfiliado" NOT NULL,
    "actualizado_en" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "afiliados_proyeccion_pkey" PRIMARY KEY ("id")
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
CREATE INDEX "campanas_estado_id_idx" ON "campanas"("estado", "id");

-- CreateIndex
CREATE INDEX "campana_afiliados_afiliado_id_idx" ON "campana_afiliados"("afiliado_id");

-- CreateIndex
CREATE UNIQUE INDEX "comisiones_conversion_id_key" ON "comisiones"("conversion_id");

-- CreateIndex
CREATE INDEX "comisiones_afiliado_id_id_idx" ON "comisiones"("afiliado_id", "id");

-- CreateIndex
CREATE INDEX "comisiones_campana_id_id_idx" ON "comisiones"("campana_id", "id");

-- CreateIndex
CREATE INDEX "comisiones_estado_id_idx" ON "comisiones"("estado", "id");

-- CreateIndex
CREATE INDEX "inbox_messages_correlation_id_idx" ON "inbox_messages"("correlation_id");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_messages_id_key" ON "outbox_messages"("id");

-- CreateIndex
CREATE INDEX "outbox_messages_published_at_sequence_idx" ON "outbox_messages"("published_at", "sequence");

-- AddForeignKey
ALTER TABLE "campana_afiliados" ADD CONSTRAINT "campana_afiliados_campana_id_fkey" FOREIGN KEY ("campana_id") REFERENCES "campanas"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comisiones" ADD CONSTRAINT "comisiones_campana_id_fkey" FOREIGN KEY ("campana_id") REFERENCES "campanas"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
