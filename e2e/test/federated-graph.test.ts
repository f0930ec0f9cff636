import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack } from '@alpes/local-stack';
import { postGraphQL } from '@alpes/testing';

type Stack = Awaited<ReturnType<typeof startTestStack>>;
let stack: Stack;
const README_QUERY = readFileSync(new URL('../operations/AfiliadosConResumen.graphql', import.meta.url), 'utf8');

beforeAll(async () => {
  // Always the embedded default (npm start's database), even when CI points the other suites at a real server.
  stack = await startTestStack({ database: 'embedded' });
});
afterAll(async () => {
  await stack?.stop();
});

describe('the federated graph on embedded PostgreSQL with demo data', () => {
  it('seeds at least 50 affiliates, 10 campaigns, 2,000 conversions and their commissions (counted through the gateway)', async () => {
    const { data, errors } = await postGraphQL(
      stack.gatewayUrl,
      '{ afiliados(first: 1) { totalCount } campanas(first: 1) { totalCount } conversiones(first: 1) { totalCount } comisiones(first: 1) { totalCount } }',
      undefined,
      stack.admin,
    );
    expect(errors).toBeUndefined();
    const counts = {
      afiliados: data!.afiliados.totalCount,
      campanas: data!.campanas.totalCount,
      conversiones: data!.conversiones.totalCount,
      comisiones: data!.comisiones.totalCount,
    };
    expect(counts.afiliados).toBeGreaterThanOrEqual(50);
    expect(counts.campanas).toBeGreaterThanOrEqual(10);
    expect(counts.conversiones).toBeGreaterThanOrEqual(2000);
    expect(counts.comisiones).toBe(counts.conversiones);
    // what the seeder reported is what the databases hold
    expect(stack.seed).toMatchObject({ seeded: true, ...counts });
  });

  it('joins affiliates, their conversions, each conversion campaign and their commissions in one query', async () => {
    const { data, errors } = await postGraphQL(stack.gatewayUrl, README_QUERY, { first: 5 }, stack.admin);
    expect(errors).toBeUndefined();
    expect(data!.afiliados.totalCount).toBeGreaterThanOrEqual(50);
    expect(data!.afiliados.nodes).toHaveLength(5);
    for (const afiliado of data!.afiliados.nodes) {
      expect(afiliado.nombre).toMatch(/\w+ \w+/);
      expect(afiliado.conversiones.nodes).toHaveLength(3);
      for (const conversion of afiliado.conversiones.nodes) {
        expect(conversion.valor).toMatch(/^\d+\.\d{2}$/);
        expect(typeof conversion.campana.nombre).toBe('string');
      }
      expect(afiliado.comisiones.totalCount).toBeGreaterThan(0);
      expect(afiliado.comisiones.nodes[0].estado).toMatch(/^(CALCULADA|APROBADA|PAGADA|RECHAZADA)$/);
    }
  });

  it('gives every affiliate commissions in several states', async () => {
    // cost 1 + 100 × (2 + 45) = 4,701, within LIMIT_MAX_COST (first: 100 twice costs 10,201: refused); 40 commissions each in the demo data
    const { data } = await postGraphQL(
      stack.gatewayUrl,
      `{ afiliados(first: 100) { nodes { comisiones(first: 45) { nodes { estado } } } } }`,
      undefined,
      stack.admin,
    );
    for (const afiliado of data!.afiliados.nodes) {
      const estados = new Set(afiliado.comisiones.nodes.map((comision: { estado: string }) => comision.estado));
      expect(estados.size).toBeGreaterThanOrEqual(2);
    }
  });

  it('resolves a commission with its affiliate name, campaign and conversion across the three subgraphs', async () => {
    const { data, errors } = await postGraphQL(
      stack.gatewayUrl,
      `{ comisiones(first: 2, estado: PAGADA) { totalCount nodes { id monto montoBase porcentaje moneda pagadaEn afiliado { nombre email } campana { nombre porcentajeComision } conversion { valor moneda registradaEn comision { id } } } } }`,
      undefined,
      stack.admin,
    );
    expect(errors).toBeUndefined();
    const [comision] = data!.comisiones.nodes;
    expect(comision.afiliado.nombre).toBeTruthy();
    expect(comision.campana.nombre).toBeTruthy();
    expect(comision.conversion.valor).toBe(comision.montoBase);
    expect(comision.conversion.moneda).toBe(comision.moneda);
    expect(comision.conversion.comision.id).toBe(comision.id);
    const expected = (Number(comision.montoBase) * Number(comision.porcentaje)) / 100;
    expect(Math.abs(Number(comision.monto) - expected)).toBeLessThanOrEqual(0.005);
    expect(Number(comision.porcentaje)).toBeGreaterThanOrEqual(Number(comision.campana.porcentajeComision));
  });

  it('pages through a connection with first/after without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 4; page += 1) {
      const { data }: { data?: any } = await postGraphQL(
        stack.gatewayUrl,
        `query ($after: String) { campanas(first: 3, after: $after) { totalCount pageInfo { endCursor hasNextPage } nodes { id } } }`,
        { after },
        stack.admin,
      );
      seen.push(...data!.campanas.nodes.map((node: { id: string }) => node.id));
      after = data!.campanas.pageInfo.endCursor;
      if (!data!.campanas.pageInfo.hasNextPage) break;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(stack.seed!.campanas);
  });

  it('shows campaigns with their affiliates and conversions, and affiliates with their campaigns', async () => {
    const { data, errors } = await postGraphQL(
      stack.gatewayUrl,
      `{ campanas(first: 3, estado: ACTIVE) { nodes { nombre estado tags fechaInicio fechaFin presupuesto afiliados { nombre tipoAfiliacion } conversiones(first: 2) { totalCount nodes { tipo metadata } } } }
         afiliados(first: 2, filtro: { estado: ACTIVO }) { nodes { estado campanas { nombre } } } }`,
      undefined,
      stack.admin,
    );
    expect(errors).toBeUndefined();
    const campana = data!.campanas.nodes[0];
    expect(campana.estado).toBe('ACTIVE');
    expect(campana.fechaInicio).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(campana.afiliados.length).toBeGreaterThan(0);
    expect(campana.afiliados[0].nombre).toBeTruthy();
    expect(campana.conversiones.totalCount).toBeGreaterThan(0);
    expect(campana.conversiones.nodes[0].metadata).toHaveProperty('canal');
    expect(data!.afiliados.nodes[0].campanas.length).toBeGreaterThanOrEqual(2);
  });

  it('sums conversion metrics per currency and per campaign without mixing currencies', async () => {
    const { data, errors } = await postGraphQL(
      stack.gatewayUrl,
      `{ metricasConversiones { totalConversiones porMoneda { moneda conversiones valorTotal } porCampana { campana { nombre } conversiones porMoneda { moneda valorTotal } } } }`,
      undefined,
      stack.admin,
    );
    expect(errors).toBeUndefined();
    const metricas = data!.metricasConversiones;
    expect(metricas.totalConversiones).toBe(stack.seed!.conversiones);
    const monedas = metricas.porMoneda.map((total: { moneda: string }) => total.moneda);
    expect(monedas).toEqual(expect.arrayContaining(['COP', 'USD']));
    const porMoneda = metricas.porMoneda.reduce((sum: number, total: { conversiones: number }) => sum + total.conversiones, 0);
    const porCampana = metricas.porCampana.reduce((sum: number, total: { conversiones: number }) => sum + total.conversiones, 0);
    expect(porMoneda).toBe(metricas.totalConversiones);
    expect(porCampana).toBe(metricas.totalConversiones);
    expect(metricas.porCampana[0].campana.nombre).toBeTruthy();
  });

  it('answers /health and /ready on the gateway and every subgraph', async () => {
    for (const url of Object.values(stack.urls)) {
      const health = await fetch(url.replace('/graphql', '/health'));
      expect(health.status).toBe(200);
      const ready = await fetch(url.replace('/graphql', '/ready'));
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ ready: true });
    }
  });
});
