import type { PayloadOf } from '@alpes/contracts';
import type { Afiliado } from '../generated/prisma/client.js';

type AfiliadoSnapshot = PayloadOf<'AfiliadoRegistrado'>['afiliado'];

/** The affiliate as events carry it. */
export function afiliadoSnapshot(afiliado: Afiliado): AfiliadoSnapshot {
  return {
    id: afiliado.id,
    nombre: afiliado.nombre,
    email: afiliado.email,
    telefono: afiliado.telefono,
    tipoAfiliacion: afiliado.tipoAfiliacion,
    comisionBase: afiliado.comisionBase.toFixed(2),
    estado: afiliado.estado,
  };
}
