import { resolve } from 'node:path';

export const WRITE_COMMAND = 'npm run contracts:write';

/** What contracts:check and contracts:write read and write. Relative paths are resolved against `rootDir`. */
export interface ContractsCheckOptions {
  /** Repository root: git commands run here and defaults live under it. Default: process.cwd(). */
  rootDir?: string;
  /** The module exporting MESSAGE_CATALOG, EnvelopeSchema and TOPICS. Default: `<root>/packages/contracts/src/index.ts`. */
  contractsModule?: string;
  /** The committed AsyncAPI document. Default: `<root>/schema/asyncapi.yaml`. */
  documentFile?: string;
  /** A file holding the base document; skips the git lookup. */
  baseFile?: string;
  /** Where the Markdown report goes; `null` writes none. Default: `<root>/artifacts/contracts-check.md`. */
  markdownFile?: string | null;
  /** Compare the committed document with the one the contracts give. Default: true. */
  documentCheck?: boolean;
}

export interface ResolvedOptions {
  rootDir: string;
  contractsModule: string;
  documentFile: string;
  baseFile: string | undefined;
  markdownFile: string | null;
  documentCheck: boolean;
}

export function resolveOptions(options: ContractsCheckOptions = {}): ResolvedOptions {
  const rootDir = resolve(options.rootDir ?? process.cwd());
  const at = (path: string): string => resolve(rootDir, path);
  return {
    rootDir,
    contractsModule: at(options.contractsModule ?? 'packages/contracts/src/index.ts'),
    documentFile: at(options.documentFile ?? 'schema/asyncapi.yaml'),
    baseFile: options.baseFile === undefined ? undefined : at(options.baseFile),
    markdownFile: options.markdownFile === null ? null : at(options.markdownFile ?? 'artifacts/contracts-check.md'),
    documentCheck: options.documentCheck ?? true,
  };
}
