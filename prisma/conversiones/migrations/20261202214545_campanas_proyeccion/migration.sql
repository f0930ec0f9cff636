-- CreateTable
CREATE TABLE "campanas_proyeccion" (
    "id" UUID NOT NULL,
    "nombre" VARCHAR(200) NOT NULL,
    "actualizado_en" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "campanas_proyeccion_pkey" PRIMARY KEY ("id")
);
