import { readFileSync } from 'node:fs';
import { Kind, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { DEFAULT_LIST_SIZE, DEFAULT_OPERATION_LIMITS, estimateCost, readCostDirectives } from '@alpes/gateway/demand-control';
import { displayPath } from './util.js';

export interface OperationCost {
  /** Path relative to the repository root. */
  file: string;
  /** e.g. `query AfiliadosConResumen`. */
  operation: string;
  cost: number;
}

export interface OperationCosts {
  /** The budget the gateway enforces (LIMIT_MAX_COST, default 5,000). */
  maxCost: number;
  costs: OperationCost[];
  /** Those over the budget: the gateway would reject them with COST_ESTIMATED_TOO_EXPENSIVE (exit 1). */
  overBudget: OperationCost[];
}

/** The budget schema:check holds operations to: the gateway's, LIMIT_MAX_COST when set. */
export function maxCostFromEnvironment(environment: NodeJS.ProcessEnv = process.env): number {
  const value = Number(environment.LIMIT_MAX_COST ?? DEFAULT_OPERATION_LIMITS.maxCost);
  if (!Number.isInteger(value) || value < 1) throw new Error(`LIMIT_MAX_COST must be a positive integer, got ${environment.LIMIT_MAX_COST}`);
  return value;
}

/**
 * The static cost of every valid client operation, as the gateway estimates it (Apollo demand control: @cost and
 * @listSize of the supergraph). Variables are not known here: a `first: $n` counts as the argument's default.
 */
export function costOperationFiles(
  files: string[],
  schema: GraphQLSchema,
  supergraphSdl: string,
  options: { rootDir: string; maxCost: number },
): OperationCosts {
  const directives = readCostDirectives(supergraphSdl);
  const costs: OperationCost[] = [];
  for (const path of files) {
    let document: DocumentNode;
    try {
      document = parse(readFileSync(path, 'utf8'));
    } catch {
      continue; // reported by the operations validation
    }
    if (validate(schema, document).length > 0) continue; // likewise
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION || !definition.name) continue;
      const cost = estimateCost({ schema, document, operationName: definition.name.value, directives, defaultListSize: DEFAULT_LIST_SIZE });
      costs.push({ file: displayPath(options.rootDir, path), operation: `${definition.operation} ${definition.name.value}`, cost });
    }
  }
  return { maxCost: options.maxCost, costs, overBudget: costs.filter((entry) => entry.cost > options.maxCost) };
}
