import type { MissingDecision } from './authorization-decisions.js';
import type { CompositionSummary } from './compose.js';
import type { OperationCosts } from './operation-costs.js';
import type { OperationError } from './operations.js';
import type { SchemaChange } from './schema-diff.js';
import type { CheckStatus } from './check-kit/report.js';

export { EXIT_CODES } from './check-kit/report.js';

/** pass: exit 0 (warnings allowed); breaking: exit 1; error: exit 2. */
export type SchemaCheckStatus = CheckStatus;

export interface SchemaCheckResult {
  status: SchemaCheckStatus;
  composition: CompositionSummary;
  /** Where the base API schema came from, e.g. `origin/main:schema/api-schema.graphql`. */
  baseSource: string;
  /** Whether the base was diffed against the new API schema. */
  diffed: boolean;
  artifacts: { checked: boolean; stale: string[] };
  breaking: SchemaChange[];
  dangerous: SchemaChange[];
  operations: { files: string[]; operationCount: number; skipped: string[] };
  operationErrors: OperationError[];
  /** Each valid client operation's estimated cost; those over the gateway's budget fail the check (exit 1). */
  operationCosts: OperationCosts;
  /** Root and sensitive fields without @authenticated / @requiresScopes (exit 1). */
  missingDecisions: MissingDecision[];
  /** Errors that stopped part of the check (exit 2): unreadable input, missing subscription SDL, … */
  errors: string[];
  /** The new API schema (SDL), when it could be built. */
  apiSchemaSdl: string | undefined;
  /** The summary printed on stdout. */
  text: string;
  /** The same summary as Markdown (a PR comment). */
  markdown: string;
}

export function statusOf(
  result: Pick<SchemaCheckResult, 'composition' | 'errors' | 'artifacts' | 'breaking' | 'operationErrors' | 'missingDecisions'> & {
    operationCosts?: OperationCosts;
  },
): SchemaCheckStatus {
  if (!result.composition.ok || result.errors.length > 0 || result.artifacts.stale.length > 0) return 'error';
  if (result.breaking.length > 0 || result.operationErrors.length > 0 || result.missingDecisions.length > 0) return 'breaking';
  if ((result.operationCosts?.overBudget.length ?? 0) > 0) return 'breaking';
  return 'pass';
}
