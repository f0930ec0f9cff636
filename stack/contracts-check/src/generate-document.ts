import { buildAsyncApiDocument, type AsyncApiDocument } from './asyncapi-document.js';
import { documentToYaml } from './document-yaml.js';
import { loadContracts } from './load-contracts.js';

export interface GeneratedDocument {
  document: AsyncApiDocument;
  yaml: string;
}

/** The AsyncAPI document the contracts module gives; throws when the module cannot be loaded or published. */
export async function generateDocument(contractsModule: string): Promise<GeneratedDocument> {
  const document = buildAsyncApiDocument(await loadContracts(contractsModule));
  return { document, yaml: documentToYaml(document) };
}
