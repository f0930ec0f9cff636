import { resolve } from 'node:path';

/** What `runSchemaCheck` reads. Relative paths are resolved against `rootDir`. */
export interface SchemaCheckOptions {
  /** Repository root: git commands run here and defaults live under it. Default: process.cwd(). */
  rootDir?: string;
  /** Folder with one `<subgraph>/schema.graphql` per subgraph. Default: `<root>/subgraphs`. */
  subgraphsDir?: string;
  /** The gateway's subscription SDL that extends the API schema. Default: `<root>/gateway/src/subscriptions/subscription.graphql`. */
  subscriptionsFile?: string;
  /** Client operation files: globs, folders or files. Default: `e2e/**\/*.graphql`, `examples/**\/*.graphql`. */
  operations?: string[];
  /** A file holding the base API schema; skips the git lookup. */
  baseFile?: string;
  /** Folder of the committed `supergraph.graphql` and `api-schema.graphql`. Default: `<root>/schema`. */
  artifactsDir?: string;
  /** Where the Markdown report goes; `null` writes none. Default: `<root>/artifacts/schema-check.md`. */
  markdownFile?: string | null;
  /** Compare the committed artifacts with the composition. Default: true. */
  artifactCheck?: boolean;
  /** The cost budget of a client operation. Default: LIMIT_MAX_COST, else the gateway's default (5,000). */
  maxCost?: number;
}

export interface ResolvedOptions {
  rootDir: string;
  subgraphsDir: string;
  subscriptionsFile: string;
  operations: string[];
  baseFile: string | undefined;
  artifactsDir: string;
  markdownFile: string | null;
  artifactCheck: boolean;
  maxCost: number | undefined;
}

export const DEFAULT_OPERATION_GLOBS = ['e2e/**/*.graphql', 'examples/**/*.graphql'];

export function resolveOptions(options: SchemaCheckOptions = {}): ResolvedOptions {
  const rootDir = resolve(options.rootDir ?? process.cwd());
  const at = (path: string): string => resolve(rootDir, path);
  return {
    rootDir,
    subgraphsDir: at(options.subgraphsDir ?? 'subgraphs'),
    subscriptionsFile: at(options.subscriptionsFile ?? 'gateway/src/subscriptions/subscription.graphql'),
    operations: options.operations && options.operations.length > 0 ? options.operations : DEFAULT_OPERATION_GLOBS,
    baseFile: options.baseFile === undefined ? undefined : at(options.baseFile),
    artifactsDir: at(options.artifactsDir ?? 'schema'),
    markdownFile: options.markdownFile === null ? null : at(options.markdownFile ?? 'artifacts/schema-check.md'),
    artifactCheck: options.artifactCheck ?? true,
    maxCost: options.maxCost,
  };
}
