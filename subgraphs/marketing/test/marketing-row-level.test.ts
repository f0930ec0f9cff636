import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServiceTestDatabase, type ServiceTestDatabase } from '@alpes/database';
import { MemoryBus } from '@alpes/messaging';
import { newId, type RunningServiceServer } from '@alpes/platform';
import { GATEWAY_SERVICE, type Identity } from '@alpes/security';
import { TestGatewayIdentity, postGraphQL, userOfRole } from '@alpes/testing';
import { createMarketingPrisma, startMarketingSubgraph, type MarketingPrisma } from '../src/index.js';

let database: ServiceTestDatabase;
let prisma: MarketingPrisma;
let subgraph: RunningServiceServer;
const gateway = new TestGatewayIdentity();
const [ana, beto] = [newId(), newId()];
const [asignada, ajena, rechazo] = [newId(), newId(), newId()]; // ana is assigned to `asignada` only
const [deAna, deAnaRechazada, deBeto] = [newId(), newId(), newId()];
const anaUser = userOfRole('afiliado', { afiliadoId: ana });

async function as(identity: Identity, query: string, variables?: Record<string, unknown>) {
  return postGraphQL(subgraph.url, query, variables, await gateway.authorization(identity));
}

beforeAll(async () => {
  database = await startServiceTestDatabase('marketing');
  prisma = createMarketingPrisma(database.url);
  const campana = (id: string, nombre: string) => ({
    id,
    nombre,
    estado: 'ACTIVE' as const,
    tipo: 'DIGITAL' as const,
    fechaInicio: new Date('2026-01-01'),
    fechaFin: new Date('2026-12-31'),
    presupuesto: '1000',
    metaConversiones: 1,
    porcentajeComision: '10',
    tags: [],
  });
  await prisma.campana.createMany({ data: [campana(asignada, 'Asignada'), campana(ajena, 'Ajena'), campana(rechazo, 'Sin asignar')] });
  await prisma.campanaAfiliado.createMany({
    data: [
      { campanaId: asignada, afiliadoId: ana },
      { campanaId: ajena, afiliadoId: beto },
    ],
  });
  const comision = (id: string, afiliadoId: string, campanaId: string, estado: 'CALCULADA' | 'RECHAZADA') => ({
    id,
    conversionId: newId(),
    afiliadoId,
    campanaId,
    montoBase: '100',
    porcentaje: '10',
    monto: '10',
    moneda: 'USD',
    estado,
  });
  await prisma.comision.createMany({
    data: [comision(deAna, ana, asignada, 'CALCULADA'), comision(deAnaRechazada, ana, rechazo, 'RECHAZADA'), comision(deBeto, beto, ajena, 'CALCULADA')],
  });
  subgraph = await startMarketingSubgraph({ databaseUrl: database.url, port: 0, bus: new MemoryBus(), identity: gateway.verifier, workers: false });
});
afterAll(async () => {
  await subgraph?.close();
  await prisma?.$disconnect();
  await database?.stop();
});

describe('marketing row-level rules: an affiliate user sees its own commissions and its campaigns, nothing else', () => {
  it("lists and counts only its own commissions; another affiliate's id gives nothing; a foreign commission is null", async () => {
    const { data, errors } = await as(
      anaUser,
      `{
      todas: comisiones { totalCount nodes { id } }
      deBeto: comisiones(afiliadoId: "${beto}") { totalCount nodes { id } }
      pendientes: comisionesPendientes { totalCount nodes { id } }
      propia: comision(id: "${deAna}") { id monto }
      ajena: comision(id: "${deBeto}") { id monto }
    }`,
    );
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      todas: { totalCount: 2, nodes: [{ id: deAna }, { id: deAnaRechazada }] },
      deBeto: { totalCount: 0, nodes: [] },
      pendientes: { totalCount: 1, nodes: [{ id: deAna }] },
      propia: { id: deAna, monto: '10.00' },
      ajena: null,
    });
  });

  it('sees the campaigns it is assigned to or has a commission in; another campaign is null and absent from the list', async () => {
    const { data } = await as(
      anaUser,
      `{ campanas { totalCount nodes { nombre } } ajena: campana(id: "${ajena}") { id } propia: campana(id: "${asignada}") { nombre } }`,
    );
    expect(data).toEqual({
      campanas: { totalCount: 2, nodes: [{ nombre: 'Asignada' }, { nombre: 'Sin asignar' }] },
      ajena: null,
      propia: { nombre: 'Asignada' },
    });
  });

  it("entity references follow the same rules: another affiliate's commissions and campaigns are empty, its commission null", async () => {
    const { data } = await as(
      anaUser,
      `query ($r: [_Any!]!) { _entities(representations: $r) {
      ... on Afiliado { id comisiones { totalCount } campanas { nombre } }
      ... on Comision { id }
      ... on Campana { id }
    } }`,
      {
        r: [
          { __typename: 'Afiliado', id: beto },
          { __typename: 'Afiliado', id: ana },
          { __typename: 'Comision', id: deBeto },
          { __typename: 'Campana', id: ajena },
        ],
      },
    );
    expect(data._entities).toEqual([
      { id: beto, comisiones: { totalCount: 0 }, campanas: [] },
      { id: ana, comisiones: { totalCount: 2 }, campanas: [{ nombre: 'Asignada' }] },
      null,
      null,
    ]);
  });

  it('marketing (comisiones:read, campanas:read) sees every row', async () => {
    const { data } = await as(userOfRole('marketing'), '{ comisiones { totalCount } campanas { totalCount } }');
    expect(data).toEqual({ comisiones: { totalCount: 3 }, campanas: { totalCount: 3 } });
  });
});

describe('the subgraph answers only the gateway, and only what the identity may read', () => {
  const post = (headers: Record<string, string>) =>
    fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ comisiones { totalCount nodes { id monto } } }' }),
    });

  it('refuses a request without identity, with a forged one or with a client token: HTTP 401, no data', async () => {
    const other = await new TestGatewayIdentity().authorization(); // signed with another secret
    const attempts: Record<string, string>[] = [{}, { authorization: other! }, { authorization: 'Bearer not-a-jwt' }];
    for (const headers of attempts) {
      const response = await post(headers);
      const body = (await response.json()) as { data?: unknown; errors: { extensions: { code: string } }[] };
      expect(response.status).toBe(401);
      expect(body.data).toBeUndefined();
      expect(body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses (403) a request asking for a field the identity may not read, even one the gateway would have removed', async () => {
    const budget = await as(anaUser, `{ campana(id: "${asignada}") { nombre presupuesto } }`);
    expect(budget.data).toBeUndefined();
    expect(budget.errors?.[0]).toMatchObject({ message: expect.stringContaining('Campana.presupuesto'), extensions: { code: 'FORBIDDEN' } });
    const mutation = await as(anaUser, `mutation { aprobarComision(id: "${deAna}") { correlationId } }`);
    expect(mutation.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("the gateway's own identity reads the schema (composition) and __typename (readiness), and no data", async () => {
    expect((await as(GATEWAY_SERVICE, '{ _service { sdl } }')).data?._service.sdl).toContain('type Comision');
    expect((await as(GATEWAY_SERVICE, '{ __typename }')).data).toEqual({ __typename: 'Query' });
    expect((await as(GATEWAY_SERVICE, '{ comisiones { totalCount } }')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
