/**
 * Threats once signed in: an affiliate reaching for another's data (by id, by filter, through a subscription), a
 * token reaching for fields its scopes do not grant (through aliases, fragments, @include/@skip), a live
 * subscription outliving its token, someone following another identity's command.
 */
import { expect, it } from 'vitest';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER } from '@alpes/security';
import { signedToken } from '@alpes/security/testing';
import { openSubscriptionClient, postGraphQL, subscribe, waitUntil } from '@alpes/testing';
import { op } from '../pulsar/support/flow.js';
import type { ThreatData, ThreatTarget } from './threat-fixture.js';

const COMISIONES_DESDE =
  'subscription ($desde: DateTime, $afiliadoId: ID) { comisionCalculada(desde: $desde, afiliadoId: $afiliadoId) { comision { id monto } } }';

export function dataThreats(target: () => ThreatTarget, data: () => ThreatData): void {
  it("an affiliate reading another's id gets null, another's filter gets nothing, and its own data only", async () => {
    const { ana, beto, comisiones, conversiones, deAna, compartida } = data();
    const asBeto = await postGraphQL(
      target().gatewayUrl,
      `{
      ajeno: afiliado(id: "${ana.id}") { nombre }
      comisionAjena: comision(id: "${comisiones.ana[0]}") { monto }
      conversionAjena: conversion(id: "${conversiones.ana}") { valor }
      campanaAjena: campana(id: "${deAna}") { nombre }
      deAna: comisiones(afiliadoId: "${ana.id}") { totalCount nodes { id } }
      propias: comisiones { totalCount nodes { id monto } }
      campanas { nodes { id } }
      metricasConversiones { totalConversiones }
      propio: afiliado(id: "${beto.id}") { nombre email comisiones { totalCount } }
    }`,
      undefined,
      beto.authorization,
    );
    expect(asBeto.errors).toBeUndefined();
    expect(asBeto.data).toEqual({
      ajeno: null,
      comisionAjena: null,
      conversionAjena: null,
      campanaAjena: null,
      deAna: { totalCount: 0, nodes: [] },
      propias: { totalCount: 1, nodes: [{ id: comisiones.beto, monto: '10.00' }] },
      campanas: { nodes: [{ id: compartida }] },
      metricasConversiones: { totalConversiones: 1 },
      propio: { nombre: 'Beto', email: expect.stringMatching(/^beto\./), comisiones: { totalCount: 1 } },
    });
  });

  it('no scope escalation through aliases, fragments, inline fragments, @include or @skip: null and FORBIDDEN at each path', async () => {
    const { ana, compartida } = data();
    const { data: answer, errors } = await postGraphQL(
      target().gatewayUrl,
      `query ($si: Boolean!, $no: Boolean!) {
      campana(id: "${compartida}") {
        nombre
        dinero: porcentajeComision
        ...Presupuesto
        ... on Campana { quienes: afiliados { id } }
        cambios: historial @include(if: $si) { estado por }
        otros: historial @skip(if: $no) { por }
        oculto: historial @skip(if: $si) { por }
      }
    }
    fragment Presupuesto on Campana { presupuesto }`,
      { si: true, no: false },
      ana.authorization,
    );
    expect(answer).toEqual({ campana: null }); // presupuesto is non-null: the campaign goes null, as GraphQL does
    expect(errors?.map((error) => [error.path?.join('.'), error.extensions?.code]).sort()).toEqual([
      ['campana.cambios', 'FORBIDDEN'],
      ['campana.otros', 'FORBIDDEN'],
      ['campana.presupuesto', 'FORBIDDEN'],
      ['campana.quienes', 'FORBIDDEN'],
    ]);
    const allowed = await postGraphQL(
      target().gatewayUrl,
      `{ campana(id: "${compartida}") { nombre dinero: porcentajeComision } }`,
      undefined,
      ana.authorization,
    );
    expect(allowed).toEqual({ data: { campana: { nombre: 'Compartida', dinero: '10.00' } } });
  });

  it("an affiliate's subscription gets its own commissions only, whatever afiliadoId it asks for", async () => {
    const { ana, beto, comisiones, desde } = data();
    const own = subscribe(target().gatewayUrl, COMISIONES_DESDE, { desde }, ana.authorization);
    const reaching = subscribe(target().gatewayUrl, COMISIONES_DESDE, { desde, afiliadoId: beto.id }, ana.authorization);
    try {
      await own.waitFor((event) => event.comisionCalculada.comision.id === comisiones.ana[1], 60_000);
      // Beto's event lies between Ana's two on the topic: reaching her second proves his was filtered out
      expect(own.events.map((event) => event.comisionCalculada.comision.id)).toEqual(comisiones.ana);
      expect(reaching.events).toEqual([]);
      expect(reaching.errors).toEqual([]);
    } finally {
      await Promise.all([own.dispose(), reaching.dispose()]);
    }
  });

  it('a subscription without a token is UNAUTHENTICATED; an expired token is refused at connection_init (4403)', async () => {
    const anonymous = subscribe(target().gatewayUrl, COMISIONES_DESDE, { desde: data().desde });
    const expired = await signedToken(target().signingKey, {
      sub: 'ana',
      scope: 'self:read',
      afiliado_id: data().ana.id,
      iss: DEFAULT_ISSUER,
      aud: DEFAULT_AUDIENCE,
      exp: Math.floor(Date.now() / 1000) - 120,
    });
    const refused = openSubscriptionClient(target().gatewayUrl, `Bearer ${expired}`);
    try {
      await waitUntil('anonymous.errors.length > 0', () => anonymous.errors.length > 0, 15_000);
      expect(anonymous.errors[0]).toMatchObject({ path: ['comisionCalculada'], extensions: { code: 'UNAUTHENTICATED' } });
      expect(anonymous.events).toEqual([]);
      const attempt = refused.subscribe(COMISIONES_DESDE, { desde: data().desde });
      await waitUntil('refused.closeCodes.length > 0', () => refused.closeCodes.length > 0, 15_000);
      expect(refused.closeCodes).toEqual([4403]);
      expect(attempt.results).toEqual([]);
    } finally {
      await Promise.all([anonymous.dispose(), refused.dispose()]);
    }
  });

  it('a subscription ends with a clear close (4401) when its token expires', async () => {
    const shortLived = await target().token('afiliado', { afiliadoId: data().ana.id, ttl: '2s' });
    const connection = openSubscriptionClient(target().gatewayUrl, `Bearer ${shortLived}`);
    try {
      const live = connection.subscribe(COMISIONES_DESDE, { desde: data().desde });
      await live.waitForResults(1, 30_000); // it works while the token is valid
      await waitUntil('connection.closeCodes.length > 0', () => connection.closeCodes.length > 0, 30_000);
      expect(connection.closeCodes).toEqual([4401]);
      expect(live.error).toMatchObject({ code: 4401, reason: 'Unauthorized: the token has expired' });
    } finally {
      await connection.dispose();
    }
  });

  it("comando(correlationId) follows only the issuer's own command (or with comandos:read)", async () => {
    const { gatewayUrl } = target();
    const marta = `Bearer ${await target().token('marketing', { sub: 'marta@marketing' })}`;
    const pedro = `Bearer ${await target().token('marketing', { sub: 'pedro@marketing' })}`;
    const { data: sent } = await postGraphQL(gatewayUrl, op.ActivarCampana!, { id: data().deAna }, marta);
    const correlationId: string = sent!.activarCampana.correlationId;
    const watchers = [marta, pedro, target().admin].map((authorization) => subscribe(gatewayUrl, op.Comando!, { correlationId }, authorization));
    try {
      const [own, foreign, admin] = watchers as [(typeof watchers)[0], (typeof watchers)[0], (typeof watchers)[0]];
      await own.waitFor((event) => event.comando.estado === 'COMPLETADO', 60_000);
      await admin.waitFor((event) => event.comando.estado === 'COMPLETADO', 60_000);
      await waitUntil('foreign.errors.length > 0', () => foreign.errors.length > 0, 60_000);
      expect(foreign.errors[0]).toMatchObject({ path: ['comando'], extensions: { code: 'FORBIDDEN' } });
      expect(foreign.events).toEqual([]);
    } finally {
      await Promise.all(watchers.map((watcher) => watcher.dispose()));
    }
  });
}
