-- AlterTable
ALTER TABLE "inbox_messages" ADD COLUMN     "actor_scopes" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "actor_sub" TEXT;

-- CreateTable
CREATE TABLE "campanas_historial" (
    "id" UUID NOT NULL,
    "campana_id" UUID NOT NULL,
    "estado" "EstadoCampana" NOT NULL,
    "en" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "por" TEXT,
    "por_scopes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "motivo" TEXT,
    "correlation_id" UUID NOT NULL,

    CONSTRAINT "campanas_historial_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "comisiones_historial" (
    "id" UUID NOT NULL,
    "comision_id" UUID NOT NULL,
    "estado" "EstadoComision" NOT NULL,
    "en" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "por" TEXT,
    "por_scopes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "motivo" TEXT,
    "correlation_id" UUID NOT NULL,

    CONSTRAINT "comisiones_historial_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "campanas_historial_campana_id_id_idx" ON "campanas_historial"("campana_id", "id");

-- CreateIndex
CREATE INDEX "comisiones_historial_comision_id_id_idx" ON "comisiones_historial"("comision_id", "id");

-- AddForeignKey
ALTER TABLE "campanas_historial" ADD CONSTRAINT "campanas_historial_campana_id_fkey" FOREIGN KEY ("campana_id") REFERENCES "campanas"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comisiones_historial" ADD CONSTRAINT "comisiones_historial_comision_id_fkey" FOREIGN KEY ("comision_id") REFERENCES "comisiones"("id") ON DELETE CASCADE ON UPDATE CASCADE;
