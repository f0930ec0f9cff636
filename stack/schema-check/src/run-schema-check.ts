import { buildSchema, type GraphQLSchema } from 'graphql';
import { buildApiSchema } from './api-schema.js';
import { findStaleArtifacts } from './artifacts.js';
import { findMissingDecisions } from './authorization-decisions.js';
import { loadBaseSchema } from './base-schema.js';
import { renderReport, writeReportFile } from './check-kit/report.js';
import { composeSubgraphs } from './compose.js';
import { expandPatterns } from './glob.js';
import { costOperationFiles, maxCostFromEnvironment } from './operation-costs.js';
import { validateOperationFiles } from './operations.js';
import { resolveOptions, type SchemaCheckOptions } from './options.js';
import { reportOf } from './report.js';
import { statusOf, type SchemaCheckResult } from './result.js';
import { diffSchemas } from './schema-diff.js';
import { displayPath, messageOf } from './util.js';

type Findings = Omit<SchemaCheckResult, 'status' | 'text' | 'markdown'>;

/** What `rover subgraph check` does, offline: compose, check artifacts, diff against the base, validate operations. */
export function runSchemaCheck(options: SchemaCheckOptions = {}): SchemaCheckResult {
  const resolved = resolveOptions(options);
  const composition = composeSubgraphs(resolved.subgraphsDir);
  const findings: Findings = {
    composition,
    baseSource: 'not read',
    diffed: false,
    artifacts: { checked: false, stale: [] },
    breaking: [],
    dangerous: [],
    operations: { files: [], operationCount: 0, skipped: [] },
    operationErrors: [],
    operationCosts: { maxCost: 0, costs: [], overBudget: [] },
    missingDecisions: [],
    errors: [],
    apiSchemaSdl: undefined,
  };
  const decisions = findMissingDecisions(resolved.subgraphsDir, resolved.subscriptionsFile);
  findings.missingDecisions = decisions.missing;
  findings.errors.push(...decisions.errors);
  if (composition.ok && composition.supergraphSdl) {
    try {
      checkComposedSchema(composition.supergraphSdl, resolved, findings);
    } catch (error) {
      findings.errors.push(`Unexpected failure: ${messageOf(error)}`);
    }
  }
  const status = statusOf(findings);
  const report = { ...findings, status };
  const result: SchemaCheckResult = { ...report, ...renderReport(reportOf(report)) };
  if (resolved.markdownFile) writeReportFile(resolved.markdownFile, result.markdown);
  return result;
}

function checkComposedSchema(supergraphSdl: string, options: ReturnType<typeof resolveOptions>, findings: Findings): void {
  const api = buildApiSchema(supergraphSdl, options.subscriptionsFile);
  findings.errors.push(...api.errors);
  findings.apiSchemaSdl = api.sdl;
  const subscriptionsFile = displayPath(options.rootDir, options.subscriptionsFile);
  const subscriptionsUnavailable = api.subscriptionsMissing ? `the gateway subscription SDL ${subscriptionsFile} is missing` : undefined;
  if (subscriptionsUnavailable) {
    findings.errors.push(`Subscriptions cannot be validated: ${subscriptionsUnavailable} (the API schema is incomplete, so it is neither compared nor diffed)`);
  }

  if (options.artifactCheck) {
    findings.artifacts = { checked: true, stale: findStaleArtifacts(options.artifactsDir, { supergraphSdl, apiSchemaSdl: api.sdl }, options.rootDir) };
  }

  const base = loadBaseSchema(options);
  findings.baseSource = base.source;
  if (base.error) findings.errors.push(base.error);
  const next = api.sdl === undefined ? undefined : schemaOf(api.sdl, 'New API schema', findings.errors);
  const previous = base.sdl === undefined ? undefined : schemaOf(base.sdl, `Base API schema (${base.source})`, findings.errors);
  if (next && previous) {
    const diff = diffSchemas(previous, next);
    Object.assign(findings, { diffed: true, breaking: diff.breaking, dangerous: diff.dangerous });
  }

  const operationsSdl = api.sdl ?? (api.subscriptionsMissing ? api.composedSdl : undefined);
  const operationsSchema = operationsSdl === undefined ? undefined : schemaOf(operationsSdl, 'New API schema', findings.errors);
  if (operationsSchema) {
    const files = expandPatterns(options.operations, options.rootDir, [options.artifactsDir]);
    const validated = validateOperationFiles(files, operationsSchema, { rootDir: options.rootDir, subscriptionsUnavailable });
    findings.operations = { files: validated.files, operationCount: validated.operationCount, skipped: validated.skipped };
    findings.operationErrors = validated.errors;
    const maxCost = options.maxCost ?? maxCostFromEnvironment();
    findings.operationCosts = costOperationFiles(files, operationsSchema, supergraphSdl, { rootDir: options.rootDir, maxCost });
  }
}

function schemaOf(sdl: string, label: string, errors: string[]): GraphQLSchema | undefined {
  try {
    return buildSchema(sdl);
  } catch (error) {
    errors.push(`${label} is not a valid schema: ${messageOf(error)}`);
    return undefined;
  }
}
