import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT_CODES, runSchemaCheck } from '../src/index.js';

// The repository itself: its subgraphs declare @cost and @listSize, which the estimate reads from the composition.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const directory = mkdtempSync(join(tmpdir(), 'schema-check-cost-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function checkWith(operations: string, maxCost?: number) {
  const file = join(directory, `operations-${Math.random().toString(36).slice(2)}.graphql`);
  writeFileSync(file, operations);
  return runSchemaCheck({
    rootDir: ROOT,
    operations: ['e2e/operations', file],
    baseFile: 'schema/api-schema.graphql',
    markdownFile: null,
    artifactCheck: false,
    ...(maxCost === undefined ? {} : { maxCost }),
  });
}

describe('schema:check costs every client operation', () => {
  it("prints each operation's cost and passes when all are within the budget", () => {
    const result = checkWith('query Pequena { afiliados(first: 5) { nodes { id comisiones(first: 3) { nodes { id } } } } }');
    expect(result.status).toBe('pass');
    // every operation valid is costed: e2e/operations' and the one written here
    const valid = Number(/Client operations: (\d+) operation\(s\)/.exec(result.text)?.[1]);
    expect(valid).toBeGreaterThan(1);
    expect(result.text).toContain(`Operation cost: ${valid} operation(s) within the budget of 5000 (LIMIT_MAX_COST)`);
    expect(result.text).toMatch(/operations-\w+\.graphql › query Pequena — cost 26\n/); // 1 + 5 × (1 + 1 + 3 × 1)
    expect(result.text).toContain('e2e/operations/AfiliadosConResumen.graphql › query AfiliadosConResumen — cost');
  });

  it('fails (exit 1) naming an operation over the budget', () => {
    const result = checkWith('query Enorme { afiliados(first: 100) { nodes { comisiones(first: 100) { nodes { afiliado { nombre } } } } } }');
    expect(result.status).toBe('breaking');
    expect(EXIT_CODES[result.status]).toBe(1);
    expect(result.operationCosts.overBudget).toEqual([expect.objectContaining({ operation: 'query Enorme', cost: 20_201 })]);
    expect(result.text).toContain('1 operation(s) over the budget of 5000 (LIMIT_MAX_COST): the gateway rejects them with COST_ESTIMATED_TOO_EXPENSIVE');
    expect(result.text).toMatch(/query Enorme — cost 20201 ❌ over 5000/);
  });

  it('holds operations to a lower budget when one is set', () => {
    const result = checkWith('query Pequena { afiliados(first: 5) { nodes { id } } }', 200);
    expect(result.status).toBe('breaking');
    expect(result.operationCosts.overBudget.map((entry) => entry.operation)).toEqual(['query AfiliadosConResumen']);
  });
});
