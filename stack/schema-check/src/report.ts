import { type Report, type ReportItem as Item, type ReportSection as Section } from './check-kit/report.js';
import type { SchemaCheckResult } from './result.js';

type ReportInput = Omit<SchemaCheckResult, 'text' | 'markdown'>;

const HEADLINES = {
  pass: '✅ Schema check passed',
  breaking: '❌ Schema check failed: breaking changes, invalid operations or operations over the cost budget',
  error: '❌ Schema check could not complete',
} as const;

/** The report of a schema check, for check-kit's renderReport. */
export function reportOf(result: ReportInput): Report {
  return { headline: HEADLINES[result.status], base: { label: 'Base API schema', source: result.baseSource }, sections: sectionsOf(result) };
}

function sectionsOf(result: ReportInput): Section[] {
  const { composition } = result;
  const sections: Section[] = [
    {
      title: 'Composition',
      mark: composition.ok ? (composition.hints.length > 0 ? '⚠️' : '✅') : '❌',
      summary: composition.ok
        ? `${composition.subgraphs.length} subgraphs composed (${composition.subgraphs.join(', ')}), ${composition.hints.length} hint(s)`
        : `failed with ${composition.errors.length} error(s)`,
      items: [...composition.errors, ...composition.hints.map((hint) => `hint ${hint}`)].map((message) => ({ message })),
    },
  ];
  if (composition.ok) {
    sections.push(artifactsSection(result), ...changeSections(result), operationsSection(result), costSection(result));
  }
  sections.push(authorizationSection(result));
  if (result.errors.length > 0) {
    sections.push({ title: 'Errors', mark: '❌', summary: `${result.errors.length} error(s)`, items: result.errors.map((message) => ({ message })) });
  }
  return sections;
}

function artifactsSection({ artifacts }: ReportInput): Section {
  if (!artifacts.checked) return { title: 'Committed artifacts', mark: '➖', summary: 'not checked', items: [] };
  return artifacts.stale.length === 0
    ? { title: 'Committed artifacts', mark: '✅', summary: 'schema/supergraph.graphql and schema/api-schema.graphql are up to date', items: [] }
    : {
        title: 'Committed artifacts',
        mark: '❌',
        summary: 'stale: run `npm run schema:write` and commit the result',
        items: artifacts.stale.map((message) => ({ message })),
      };
}

function changeSections(result: ReportInput): Section[] {
  if (!result.diffed) return [{ title: 'Breaking changes', mark: '➖', summary: 'not checked (no base or no new API schema)', items: [] }];
  const item = ({ coordinate, type, description }: { coordinate: string; type: string; description: string }): Item => ({
    code: coordinate,
    message: `${description} (${type})`,
  });
  return [
    {
      title: 'Breaking changes',
      mark: result.breaking.length > 0 ? '❌' : '✅',
      summary: result.breaking.length > 0 ? `${result.breaking.length} breaking change(s)` : 'none',
      items: result.breaking.map(item),
    },
    {
      title: 'Dangerous changes',
      mark: result.dangerous.length > 0 ? '⚠️' : '✅',
      summary: result.dangerous.length > 0 ? `${result.dangerous.length} change(s) that may affect clients (warning)` : 'none',
      items: result.dangerous.map(item),
    },
  ];
}

function operationsSection({ operations, operationErrors }: ReportInput): Section {
  const counted = `${operations.operationCount} operation(s) in ${operations.files.length} file(s)`;
  const skipped = operations.skipped.length > 0 ? `; skipped ${operations.skipped.length} schema file(s): ${operations.skipped.join(', ')}` : '';
  return {
    title: 'Client operations',
    mark: operationErrors.length > 0 ? '❌' : '✅',
    summary: operationErrors.length > 0 ? `${operationErrors.length} error(s) in ${counted}${skipped}` : `${counted} valid${skipped}`,
    items: operationErrors.map((error) => ({ code: `${error.file} › ${error.operation}`, message: error.message })),
  };
}

function costSection({ operationCosts }: ReportInput): Section {
  const { costs, overBudget, maxCost } = operationCosts;
  const over = new Set(overBudget);
  return {
    title: 'Operation cost',
    mark: overBudget.length > 0 ? '❌' : '✅',
    summary:
      overBudget.length > 0
        ? `${overBudget.length} operation(s) over the budget of ${maxCost} (LIMIT_MAX_COST): the gateway rejects them with COST_ESTIMATED_TOO_EXPENSIVE`
        : `${costs.length} operation(s) within the budget of ${maxCost} (LIMIT_MAX_COST)`,
    items: costs.map((entry) => ({ code: `${entry.file} › ${entry.operation}`, message: `cost ${entry.cost}${over.has(entry) ? ` ❌ over ${maxCost}` : ''}` })),
  };
}

function authorizationSection({ missingDecisions }: ReportInput): Section {
  return missingDecisions.length === 0
    ? {
        title: 'Authorization decisions',
        mark: '✅',
        summary: 'every root field and every sensitive field declares @authenticated or @requiresScopes',
        items: [],
      }
    : {
        title: 'Authorization decisions',
        mark: '❌',
        summary: `${missingDecisions.length} field(s) without @authenticated or @requiresScopes`,
        items: missingDecisions.map((missing) => ({
          code: missing.coordinate,
          message: `${missing.why} in ${missing.source} has no authorization decision: add @requiresScopes(scopes: …) or @authenticated`,
        })),
      };
}
