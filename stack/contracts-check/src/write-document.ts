import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { displayPath, messageOf } from '@alpes/schema-check/check-kit';
import { generateDocument } from './generate-document.js';
import { resolveOptions, type ContractsCheckOptions } from './options.js';
import { validateDocument, type DocumentValidation } from './validate-document.js';

export interface WriteDocumentResult {
  ok: boolean;
  /** The file written (relative to the root), when written. */
  written: string | undefined;
  validation: DocumentValidation | undefined;
  errors: string[];
}

/** `npm run contracts:write`: rewrites schema/asyncapi.yaml from the contracts; an invalid document is not written. */
export async function writeContractsDocument(options: ContractsCheckOptions = {}): Promise<WriteDocumentResult> {
  const resolved = resolveOptions(options);
  let generated;
  try {
    generated = await generateDocument(resolved.contractsModule);
  } catch (error) {
    return { ok: false, written: undefined, validation: undefined, errors: [messageOf(error)] };
  }
  const validation = await validateDocument(generated.yaml);
  if (validation.errors.length > 0) {
    return { ok: false, written: undefined, validation, errors: ['The document is not valid AsyncAPI: nothing written', ...validation.errors] };
  }
  mkdirSync(dirname(resolved.documentFile), { recursive: true });
  writeFileSync(resolved.documentFile, generated.yaml);
  return { ok: true, written: displayPath(resolved.rootDir, resolved.documentFile), validation, errors: [] };
}
