import type { CheckStatus } from '@alpes/schema-check/check-kit';
import type { ContractChange } from './contracts-diff.js';
import type { DocumentValidation } from './validate-document.js';

export interface ContractsCheckResult {
  status: CheckStatus;
  /** Where the base document came from, e.g. `origin/main:schema/asyncapi.yaml`. */
  baseSource: string;
  /** Whether the base was compared with the new document. */
  diffed: boolean;
  /** @asyncapi/parser's verdict on the new document; undefined when it could not be built. */
  validation: DocumentValidation | undefined;
  document: { checked: boolean; stale: string[] };
  breaking: ContractChange[];
  safe: ContractChange[];
  /** Errors that stopped part of the check (exit 2): contracts that cannot be loaded or published, an unreadable base. */
  errors: string[];
  /** The document the contracts give (YAML), when it could be built. */
  documentYaml: string | undefined;
  text: string;
  markdown: string;
}

export type ContractsFindings = Omit<ContractsCheckResult, 'status' | 'text' | 'markdown'>;

export function statusOf(findings: ContractsFindings): CheckStatus {
  const invalid = findings.validation === undefined || findings.validation.errors.length > 0;
  if (findings.errors.length > 0 || invalid || findings.document.stale.length > 0) return 'error';
  return findings.breaking.length > 0 ? 'breaking' : 'pass';
}
