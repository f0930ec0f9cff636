/**
 * What the threat scenarios need, made through the public API as clients would: two affiliates (Ana and Beto), a
 * campaign both are assigned to with a commission each, and a campaign only Ana is assigned to. Works on any stack
 * (the memory test stack, the multi-process Pulsar stack), which only has to say how to reach it and sign tokens.
 */
import type { KeyObject } from 'node:crypto';
import type { Role, RoleTokenOptions, SigningKey } from '@alpes/security';
import { subscribe } from '@alpes/testing';
import { campanaInput, flowClient, op } from '../pulsar/support/flow.js';

export interface ThreatTarget {
  gatewayUrl: string;
  /** A subgraph's own URL, to call it directly. */
  marketingUrl: string;
  /** An admin's Authorization header. */
  admin: string;
  token(role: Role, options?: RoleTokenOptions): Promise<string>;
  /** The key the stack signs tokens with: an attacker does not have it, the tests forge tokens with chosen claims. */
  signingKey: SigningKey;
  /** The key the gateway verifies with, when it is a public one (the HS/RS confusion attack uses it). */
  publicKey?: KeyObject;
}

export interface ThreatData {
  ana: { id: string; authorization: string };
  beto: { id: string; authorization: string };
  /** Both assigned; one commission each (Ana's first and last, Beto's in between). */
  compartida: string;
  /** Only Ana is assigned. */
  deAna: string;
  comisiones: { ana: string[]; beto: string };
  conversiones: { ana: string; beto: string };
  /** Taken before the first conversion: a subscription `desde` it replays every commission of the fixture. */
  desde: string;
}

const COMISIONES_DESDE = 'subscription ($desde: DateTime) { comisionCalculada(desde: $desde) { comision { id afiliado { id } conversion { id } } } }';

export async function createThreatData(target: ThreatTarget): Promise<ThreatData> {
  const admin = flowClient(
    () => target.gatewayUrl,
    () => target.admin,
  );
  const integracion = `Bearer ${await target.token('integracion')}`;
  const asIntegracion = flowClient(
    () => target.gatewayUrl,
    () => integracion,
  );
  try {
    const afiliado = async (nombre: string) =>
      (
        await admin.completed(op.RegistrarAfiliado!, {
          input: { nombre, email: `${nombre.toLowerCase()}.${Date.now()}@example.com`, tipoAfiliacion: 'STANDARD', comisionBase: '5' },
        })
      ).id;
    const [anaId, betoId] = [await afiliado('Ana'), await afiliado('Beto')];
    const compartida = (await admin.completed(op.CrearCampana!, { input: campanaInput('Compartida', [anaId, betoId]) })).id;
    await admin.completed(op.ActivarCampana!, { id: compartida });
    const deAna = (await admin.completed(op.CrearCampana!, { input: campanaInput('Solo de Ana', [anaId]) })).id;

    const desde = new Date(Date.now() - 1_000).toISOString();
    const calculadas = subscribe(target.gatewayUrl, COMISIONES_DESDE, { desde }, target.admin);
    const convertir = async (afiliadoId: string) => {
      const { id } = await asIntegracion.completed(op.RegistrarConversion!, {
        input: { afiliadoId, campanaId: compartida, valor: '100.00', moneda: 'USD', tipo: 'VENTA' },
      });
      const event = await calculadas.waitFor((candidate) => candidate.comisionCalculada.comision.conversion.id === id, 60_000);
      return { conversion: id, comision: event.comisionCalculada.comision.id as string };
    };
    // in this order, so an affiliate's own last event comes after the other's: reaching it proves the other's was filtered
    const primera = await convertir(anaId);
    const deBeto = await convertir(betoId);
    const ultima = await convertir(anaId);
    await calculadas.dispose();
    return {
      ana: { id: anaId, authorization: `Bearer ${await target.token('afiliado', { afiliadoId: anaId })}` },
      beto: { id: betoId, authorization: `Bearer ${await target.token('afiliado', { afiliadoId: betoId })}` },
      compartida,
      deAna,
      comisiones: { ana: [primera.comision, ultima.comision], beto: deBeto.comision },
      conversiones: { ana: primera.conversion, beto: deBeto.conversion },
      desde,
    };
  } finally {
    await admin.disposeAll();
    await asIntegracion.disposeAll();
  }
}
