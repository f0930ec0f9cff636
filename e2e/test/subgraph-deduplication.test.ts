// SUBGRAPH_DEDUP (issue 17): identical concurrent reads of the same identity reach each subgraph once and every client
// gets the full, correct answer; with it off (the default, every other e2e stack) each request makes its own fetches.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from '@alpes/testing';
import { startTestStack } from '@alpes/local-stack';
import { campanaInput } from './support/campana-input.js';

const README_QUERY =
  '{ afiliados(first: 5) { totalCount nodes { nombre conversiones(first: 3) { nodes { valor campana { nombre } } } comisiones(first: 3) { totalCount nodes { monto estado } } } } }';
const CONCURRENT = 10;

let stack: Awaited<ReturnType<typeof startTestStack>>;
let statements = 0;

beforeAll(async () => {
  stack = await startTestStack({
    seed: { afiliados: 8, conversiones: 40 },
    gateway: { subgraphDeduplication: true },
    onStatement: () => (statements += 1),
  });
});
afterAll(async () => {
  await stack?.stop();
});

describe('in-flight deduplication of subgraph reads (SUBGRAPH_DEDUP=true)', () => {
  it('answers every one of 10 identical concurrent README queries in full, with fewer SQL statements than 10 alone', async () => {
    const alone = await postGraphQL(stack.gatewayUrl, README_QUERY, undefined, stack.admin);
    expect(alone.errors).toBeUndefined();
    expect(alone.data!.afiliados.nodes).toHaveLength(5);
    statements = 0;
    await postGraphQL(stack.gatewayUrl, README_QUERY, undefined, stack.admin);
    const perQuery = statements;
    expect(perQuery).toBeGreaterThan(0);

    statements = 0;
    const answers = await Promise.all(Array.from({ length: CONCURRENT }, () => postGraphQL(stack.gatewayUrl, README_QUERY, undefined, stack.admin)));
    for (const answer of answers) expect(answer).toEqual(alone);
    console.log(`SQL statements: ${perQuery} for one README query, ${statements} for ${CONCURRENT} concurrent ones with deduplication`);
    expect(statements).toBeLessThan(perQuery * CONCURRENT);
  });

  it('never shares a mutation: 5 identical concurrent crearCampana are 5 commands, each with its own correlationId', async () => {
    const mutation = 'mutation ($input: CrearCampanaInput!) { crearCampana(input: $input) { correlationId id } }';
    const input = campanaInput(`Dedup ${Date.now()}`);
    const answers = await Promise.all(Array.from({ length: 5 }, () => postGraphQL(stack.gatewayUrl, mutation, { input }, stack.admin)));
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    const accepted = answers.map((answer) => answer.data!.crearCampana as { correlationId: string; id: string });
    expect(new Set(accepted.map((command) => command.correlationId)).size).toBe(5);
    expect(new Set(accepted.map((command) => command.id)).size).toBe(5);
  });
});
