// What a frontend relies on, through Apollo Client with typed documents generated from schema/api-schema.graphql and
// e2e/operations/ClienteApollo.graphql: commands answered on comando(correlationId), events merged into the
// normalized cache, cursor pagination with fetchMore. The gateway runs with TRUSTED_DOCUMENTS=enforce on the manifest
// codegen writes (e2e/src/gql/persisted-documents.json): Apollo sends ids, and nothing else runs.
import { CombinedGraphQLErrors, gql, type ApolloClient, type TypedDocumentNode } from '@apollo/client/core';
import type { Observable, Subscribable } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack } from '@alpes/local-stack';
import {
  ClienteActivarCampanaDocument,
  ClienteAprobarComisionDocument,
  ClienteComandoDocument,
  ClienteComisionActualizadaDocument,
  ClienteComisionCalculadaDocument,
  ClienteComisionDocument,
  ClienteComisionesDocument,
  ClienteCrearCampanaDocument,
  ClienteRegistrarAfiliadoDocument,
  ClienteRegistrarConversionDocument,
  ComisionCamposFragmentDoc,
  type ClienteComandoSubscription,
  type ComisionCamposFragment,
} from '../../src/gql/graphql.js';
import { createApolloClient, type TestApolloClient } from './apollo.js';

const MANIFEST = new URL('../../src/gql/persisted-documents.json', import.meta.url).pathname;
let stack: Awaited<ReturnType<typeof startTestStack>>;
let apollo: TestApolloClient;
let client: ApolloClient;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  stack = await startTestStack({
    seed: { afiliados: 10, conversiones: 50 },
    gatewaySecurity: { trustedDocuments: { mode: 'enforce', manifestFile: MANIFEST } },
  });
  apollo = createApolloClient(stack.gatewayUrl, () => stack.admin);
  client = apollo.client;
});
afterAll(async () => {
  cleanups.forEach((cleanup) => cleanup());
  await apollo?.close();
  await stack?.stop();
});

/** Records every value of an observable (a subscription or a watched query) and waits for one that matches. */
function record<T>(observable: Observable<T> | Subscribable<T>) {
  const values: T[] = [];
  const waiters = new Set<() => void>();
  let failure: unknown;
  const subscription = observable.subscribe({
    next: (value) => {
      values.push(value);
      waiters.forEach((waiter) => waiter());
    },
    error: (error) => {
      failure = error;
      waiters.forEach((waiter) => waiter());
    },
  });
  cleanups.push(() => subscription.unsubscribe());
  return {
    values,
    stop: () => subscription.unsubscribe(),
    waitFor: (matches: (value: T) => boolean, timeoutMs = 15_000) =>
      new Promise<T>((resolve, reject) => {
        const check = () => {
          const found = values.find(matches);
          if (found === undefined && failure === undefined) return;
          waiters.delete(check);
          clearTimeout(timer);
          if (found !== undefined) resolve(found);
          else reject(failure instanceof Error ? failure : new Error(JSON.stringify(failure)));
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching value after ${timeoutMs} ms: ${JSON.stringify(values)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
  };
}

/** The final state of a command, from the gateway's comando(correlationId) subscription. */
async function outcome(correlationId: string): Promise<ClienteComandoSubscription['comando']> {
  const states = record(client.subscribe({ query: ClienteComandoDocument, variables: { correlationId } }));
  const final = await states.waitFor((result) => result.data !== undefined && result.data.comando.estado !== 'ACEPTADO');
  states.stop();
  return final.data!.comando;
}

/** Sends a typed mutation (over HTTP) and waits until its command is COMPLETADO; returns the accepted command. */
async function completed<TData extends object, TVariables extends Record<string, unknown>>(
  mutation: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
) {
  const { data } = await client.mutate({ mutation, variables });
  // The generated documents also select the root __typename (client-preset's typename transform): skip it.
  const accepted = Object.entries(data!).find(([key]) => key !== '__typename')![1] as { correlationId: string; id: string };
  expect(await outcome(accepted.correlationId)).toMatchObject({ estado: 'COMPLETADO', correlationId: accepted.correlationId });
  return accepted;
}

let serial = 0;

/** An affiliate (PREMIUM, comisionBase 7.5) assigned to a new ACTIVE campaign at 10 %: what each test starts from. */
async function afiliadoEnCampanaActiva(nombre: string) {
  serial += 1;
  const afiliado = await completed(ClienteRegistrarAfiliadoDocument, {
    input: { nombre, email: `apollo.${Date.now()}.${serial}@example.com`, tipoAfiliacion: 'PREMIUM', comisionBase: '7.5' },
  });
  const campana = await completed(ClienteCrearCampanaDocument, {
    input: {
      nombre: `Campaña Apollo Client ${serial}`,
      fechaInicio: '2026-12-01',
      fechaFin: '2026-12-31',
      presupuesto: '8000.00',
      metaConversiones: 20,
      tipo: 'DIGITAL',
      porcentajeComision: '10',
      tags: ['apollo'],
      afiliadoIds: [afiliado.id],
    },
  });
  await completed(ClienteActivarCampanaDocument, { id: campana.id });
  return { afiliadoId: afiliado.id, campanaId: campana.id };
}

/**
 * Registers a conversion of 200.00 and returns the comisionCalculada event's commission. The subscription replays
 * from a time taken before the mutation (desde), so it needs no pause for its reader to open.
 */
async function comisionCalculada(afiliadoId: string, campanaId: string) {
  const calculadas = record(client.subscribe({ query: ClienteComisionCalculadaDocument, variables: { afiliadoId, desde: new Date().toISOString() } }));
  const conversion = await completed(ClienteRegistrarConversionDocument, {
    input: { afiliadoId, campanaId, valor: '200.00', moneda: 'USD', tipo: 'VENTA', metadata: { canal: 'apollo-client' } },
  });
  const event = await calculadas.waitFor((result) => result.data?.comisionCalculada.correlationId === conversion.correlationId);
  calculadas.stop();
  return event.data!.comisionCalculada.comision;
}

describe('Apollo Client against the gateway: split link (HTTP + graphql-ws), typed documents, normalized cache', () => {
  it('learns a command’s outcome on comando(correlationId): COMPLETADO with the entity id', async () => {
    const { data } = await client.mutate({
      mutation: ClienteRegistrarAfiliadoDocument,
      variables: { input: { nombre: 'Valentina Apollo', email: `valentina.${Date.now()}@example.com`, tipoAfiliacion: 'PREMIUM', comisionBase: '7.5' } },
    });
    const accepted = data!.registrarAfiliado;
    expect(await outcome(accepted.correlationId)).toMatchObject({ estado: 'COMPLETADO', comando: 'RegistrarAfiliado', entidadId: accepted.id, motivo: null });
    expect(apollo.httpOperations).toContain('ClienteRegistrarAfiliado');
    expect(apollo.httpOperations).not.toContain('ClienteComando');
  });

  it('writes the comisionCalculada event’s commission into the cache as Comision:<id> (readFragment sees it)', async () => {
    const { afiliadoId, campanaId } = await afiliadoEnCampanaActiva('Valentina Apollo');
    const comision = await comisionCalculada(afiliadoId, campanaId);
    const comisionId = comision.id;
    expect(comision).toMatchObject({
      estado: 'CALCULADA',
      monto: '20.00',
      porcentaje: '10.00',
      moneda: 'USD',
      afiliado: { id: afiliadoId, nombre: 'Valentina Apollo' },
    });

    const cacheId = client.cache.identify({ __typename: 'Comision', id: comisionId });
    expect(cacheId).toBe(`Comision:${comisionId}`);
    const cached = client.readFragment<ComisionCamposFragment>({ id: cacheId, fragment: ComisionCamposFragmentDoc });
    expect(cached).toMatchObject({ id: comisionId, estado: 'CALCULADA', monto: '20.00', aprobadaEn: null });
    expect((client.cache.extract() as Record<string, unknown>)[`Afiliado:${afiliadoId}`]).toMatchObject({ nombre: 'Valentina Apollo' });
  });

  it('updates a queried commission to APROBADA from comisionActualizada, without refetching the query', async () => {
    const { afiliadoId, campanaId } = await afiliadoEnCampanaActiva('Valentina Apollo');
    const comisionId = (await comisionCalculada(afiliadoId, campanaId)).id;
    const queries = () => apollo.httpOperations.filter((name) => name === 'ClienteComision').length;
    const queriesAtStart = queries();
    // Served from the cache the event filled (Query.comision reads Comision:<id>): no request.
    const watched = record(client.watchQuery({ query: ClienteComisionDocument, variables: { id: comisionId } }));
    await watched.waitFor((result) => result.data?.comision?.estado === 'CALCULADA');
    expect(queries()).toBe(queriesAtStart);
    // The same query over HTTP lands on the same cache entry.
    const { data } = await client.query({ query: ClienteComisionDocument, variables: { id: comisionId }, fetchPolicy: 'network-only' });
    expect(data!.comision).toMatchObject({ id: comisionId, estado: 'CALCULADA', calculadaEn: expect.any(String) });
    expect(queries()).toBe(queriesAtStart + 1);

    const actualizadas = record(client.subscribe({ query: ClienteComisionActualizadaDocument, variables: { comisionId, desde: new Date().toISOString() } }));
    await completed(ClienteAprobarComisionDocument, { id: comisionId });
    const event = await actualizadas.waitFor((result) => result.data?.comisionActualizada.comision.estado === 'APROBADA');
    expect(event.data!.comisionActualizada).toMatchObject({ tipo: 'ComisionAprobada', comision: { id: comisionId, aprobadaEn: expect.any(String) } });

    // The watched query re-renders from the cache: estado and aprobadaEn changed, the other fields kept.
    const updated = await watched.waitFor((result) => result.data?.comision?.estado === 'APROBADA');
    expect(updated.data!.comision).toMatchObject({
      id: comisionId,
      estado: 'APROBADA',
      monto: '20.00',
      aprobadaEn: event.data!.comisionActualizada.comision.aprobadaEn,
    });
    expect(queries()).toBe(queriesAtStart + 1);
    expect(client.readFragment<ComisionCamposFragment>({ id: `Comision:${comisionId}`, fragment: ComisionCamposFragmentDoc })?.estado).toBe('APROBADA');
  });

  it('learns that a refused command ended RECHAZADO, with the reason, on the same subscription', async () => {
    const { afiliadoId, campanaId } = await afiliadoEnCampanaActiva('Valentina Apollo');
    const comisionId = (await comisionCalculada(afiliadoId, campanaId)).id;
    await completed(ClienteAprobarComisionDocument, { id: comisionId });
    await client.query({ query: ClienteComisionDocument, variables: { id: comisionId }, fetchPolicy: 'network-only' });
    expect(client.readFragment<ComisionCamposFragment>({ id: `Comision:${comisionId}`, fragment: ComisionCamposFragmentDoc })?.estado).toBe('APROBADA');

    const { data } = await client.mutate({ mutation: ClienteAprobarComisionDocument, variables: { id: comisionId } });
    const final = await outcome(data!.aprobarComision.correlationId);
    expect(final).toMatchObject({ estado: 'RECHAZADO', comando: 'AprobarComision', motivo: expect.stringMatching(/APROBADA no puede pasar a APROBADA/) });
    // The cached commission is untouched.
    expect(client.readFragment<ComisionCamposFragment>({ id: `Comision:${comisionId}`, fragment: ComisionCamposFragmentDoc })?.estado).toBe('APROBADA');
  });

  it('paginates comisiones with first/after and fetchMore: pages append without overlap, in the server’s order', async () => {
    const { data: reference } = await client.query({ query: ClienteComisionesDocument, variables: { first: 20 }, fetchPolicy: 'no-cache' });
    expect(reference!.comisiones.totalCount).toBeGreaterThan(20);
    const expectedIds = reference!.comisiones.nodes.map((node) => node.id);

    const watched = client.watchQuery({ query: ClienteComisionesDocument, variables: { first: 8 } });
    const pages = record(watched);
    const first = await pages.waitFor((result) => result.dataState === 'complete');
    if (first.dataState !== 'complete') throw new Error('unreachable');
    expect(first.data.comisiones.nodes).toHaveLength(8);
    let pageInfo = first.data.comisiones.pageInfo;
    let count = 8;
    const nodesOf = (result: (typeof pages.values)[number]) => (result.dataState === 'complete' ? result.data.comisiones.nodes : []);
    while (pageInfo.hasNextPage && count < 20) {
      const more = await watched.fetchMore({ variables: { after: pageInfo.endCursor } });
      pageInfo = more.data!.comisiones.pageInfo;
      count += more.data!.comisiones.nodes.length;
      // The watched query emits the merged list (a moment after fetchMore resolves), as a list view would render it.
      await pages.waitFor((result) => nodesOf(result).length === count);
    }
    const ids = nodesOf(pages.values.at(-1)!).map((node) => node.id);
    expect(ids).toHaveLength(24);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(0, 20)).toEqual(expectedIds);
    // Every node is stored once, normalized, as Comision:<id>.
    const cache = client.cache.extract() as Record<string, unknown>;
    expect(ids.filter((id) => cache[`Comision:${id}`] === undefined)).toEqual([]);
  });
});

describe('trusted documents (TRUSTED_DOCUMENTS=enforce, the codegen manifest)', () => {
  it('sent every HTTP operation above by its manifest id, without its text', () => {
    expect(apollo.httpBodies.length).toBeGreaterThan(5);
    for (const body of apollo.httpBodies) {
      expect(body.query).toBeUndefined();
      expect(body.extensions?.persistedQuery?.sha256Hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    }
  });

  it('refuses a query that is not in the manifest with PERSISTED_QUERY_NOT_IN_LIST, over HTTP', async () => {
    const unlisted = gql`
      query NoListada {
        afiliados(first: 1) {
          totalCount
        }
      }
    `;
    const failure = await client.query({ query: unlisted, fetchPolicy: 'no-cache' }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(CombinedGraphQLErrors.is(failure)).toBe(true);
    expect((failure as CombinedGraphQLErrors).errors[0]!.extensions).toMatchObject({ code: 'PERSISTED_QUERY_NOT_IN_LIST' });
  });

  it('refuses a subscription that is not in the manifest, over graphql-ws', async () => {
    const unlisted = gql`
      subscription NoListada {
        campanaCreada {
          eventoId
        }
      }
    `;
    // Apollo Client 4 delivers a subscription's GraphQL errors as a result with `error`.
    const events = record(client.subscribe({ query: unlisted }));
    const failure = (await events.waitFor((result) => result.error !== undefined)).error;
    expect(events.values.filter((result) => result.data)).toEqual([]);
    expect(CombinedGraphQLErrors.is(failure)).toBe(true);
    expect((failure as CombinedGraphQLErrors).errors[0]!.extensions).toMatchObject({ code: 'PERSISTED_QUERY_NOT_IN_LIST' });
  });
});
