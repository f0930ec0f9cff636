import { newId } from '@alpes/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aceptadoYResuelto,
  ACTUALIZAR,
  REGISTRAR,
  registroValido,
  startAfiliadosWriteHarness,
  type AfiliadosWriteHarness,
} from './support/afiliados-write-harness.js';

let h: AfiliadosWriteHarness;

beforeAll(async () => {
  h = await startAfiliadosWriteHarness();
});
afterAll(async () => {
  await h?.close();
});

async function registrado(overrides: Record<string, unknown> = {}) {
  const input = registroValido(overrides);
  const { aceptado } = await aceptadoYResuelto(h, REGISTRAR, { input });
  return { id: aceptado.id, email: String(input.email) };
}

describe('actualizarAfiliado, with the afiliados workers running', () => {
  it('suspends an affiliate: the row changes and AfiliadoActualizado carries the new state', async () => {
    const { id } = await registrado();
    const { aceptado, resultado } = await aceptadoYResuelto(h, ACTUALIZAR, { id, input: { estado: 'SUSPENDIDO' } });
    expect(aceptado.id).toBe(id);
    expect(resultado).toMatchObject({ type: 'ComandoCompletado', payload: { comando: 'ActualizarAfiliado', entidadId: id } });
    expect(await h.prisma.afiliado.findUnique({ where: { id }, select: { estado: true } })).toEqual({ estado: 'SUSPENDIDO' });
    const evento = await h.eventos.waitFor('AfiliadoActualizado', (message) => message.correlationId === aceptado.correlationId);
    expect(evento.payload.afiliado).toMatchObject({ id, estado: 'SUSPENDIDO' });
    const { data } = await h.graphql(`{ afiliados(filtro: { estado: SUSPENDIDO }) { nodes { id } } }`);
    expect(data.afiliados.nodes).toEqual([{ id }]);
  });

  it('changes only the fields given; telefono: null clears the phone number', async () => {
    const { id, email } = await registrado({ tipoAfiliacion: 'STANDARD', comisionBase: '5' });
    const cambios = { nombre: ' Nuevo Nombre ', telefono: null, comisionBase: '20.25', tipoAfiliacion: 'PREMIUM' };
    const { aceptado } = await aceptadoYResuelto(h, ACTUALIZAR, { id, input: cambios });
    const evento = await h.eventos.waitFor('AfiliadoActualizado', (message) => message.correlationId === aceptado.correlationId);
    expect(evento.payload.afiliado).toEqual({
      id,
      nombre: 'Nuevo Nombre',
      email,
      telefono: null,
      tipoAfiliacion: 'PREMIUM',
      comisionBase: '20.25',
      estado: 'ACTIVO',
    });
    const fila = await h.prisma.afiliado.findUniqueOrThrow({ where: { id } });
    expect([fila.nombre, fila.email, fila.telefono, fila.tipoAfiliacion, fila.comisionBase.toFixed(2)]).toEqual([
      'Nuevo Nombre',
      email,
      null,
      'PREMIUM',
      '20.25',
    ]);
  });

  it('completes without an event when nothing actually changes', async () => {
    const { id, email } = await registrado();
    const { aceptado, resultado } = await aceptadoYResuelto(h, ACTUALIZAR, { id, input: { email: email.toUpperCase(), estado: 'ACTIVO' } });
    expect(resultado.type).toBe('ComandoCompletado');
    expect(h.eventos.of('AfiliadoActualizado', (message) => message.correlationId === aceptado.correlationId)).toEqual([]);
  });

  it('rejects an unknown affiliate with ComandoRechazado', async () => {
    const id = newId();
    const { resultado } = await aceptadoYResuelto(h, ACTUALIZAR, { id, input: { nombre: 'Nadie' } });
    expect(resultado).toMatchObject({
      type: 'ComandoRechazado',
      payload: { comando: 'ActualizarAfiliado', entidadId: id, motivo: `El afiliado ${id} no existe` },
    });
    expect(await h.prisma.afiliado.count({ where: { id } })).toBe(0);
  });

  it('rejects taking an email another affiliate has; both keep theirs and no event is published', async () => {
    const otro = await registrado();
    const { id, email } = await registrado();
    const { aceptado, resultado } = await aceptadoYResuelto(h, ACTUALIZAR, { id, input: { email: otro.email, nombre: 'Cambio que no ocurre' } });
    expect(resultado).toMatchObject({ type: 'ComandoRechazado', payload: { entidadId: id, motivo: `El email ${otro.email} ya está registrado` } });
    const fila = await h.prisma.afiliado.findUniqueOrThrow({ where: { id } });
    expect([fila.email, fila.nombre]).toEqual([email, expect.not.stringMatching('Cambio que no ocurre')]);
    expect(await h.prisma.afiliado.count({ where: { email: otro.email } })).toBe(1);
    expect(h.eventos.of('AfiliadoActualizado', (message) => message.correlationId === aceptado.correlationId)).toEqual([]);
  });

  it('refuses an empty change, a malformed id and invalid fields with BAD_USER_INPUT, and queues nothing', async () => {
    const { id } = await registrado();
    const cases: [string, Record<string, unknown>][] = [
      ['input', { id, input: {} }],
      ['input', { id, input: { nombre: null, estado: null } }],
      ['id', { id: 'no-es-un-uuid', input: { nombre: 'Válido' } }],
      ['input.nombre', { id, input: { nombre: '' } }],
      ['input.email', { id, input: { email: 'sin-arroba.example.com' } }],
      ['input.telefono', { id, input: { telefono: '12#45678' } }],
      ['input.comisionBase', { id, input: { comisionBase: '101' } }],
    ];
    const before = h.comandos.of('ActualizarAfiliado').length;
    for (const [field, variables] of cases) {
      const { data, errors } = await h.graphql(ACTUALIZAR, variables);
      expect(data, field).toBeNull();
      expect(errors?.[0]?.extensions, JSON.stringify(variables)).toEqual({ code: 'BAD_USER_INPUT', field });
    }
    const { aceptado } = await aceptadoYResuelto(h, ACTUALIZAR, { id, input: { nombre: 'Centinela' } });
    const nuevos = h.comandos.of('ActualizarAfiliado').slice(before);
    expect(nuevos.map((message) => message.correlationId)).toEqual([aceptado.correlationId]);
  });
});
