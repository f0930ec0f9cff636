// GraphQL Code Generator's client-preset: typed document nodes for the client operations, and the persisted-document
// manifest (npm run codegen; npm run codegen:check at the root fails when the committed output is stale).
// Input: the composed API schema (with the gateway's Subscription type) and e2e/operations/*.graphql.
// Output, in e2e/src/gql/ (committed; the folder is not called "generated/", which .gitignore leaves out):
// - graphql.ts: result/variables types and a TypedDocumentNode per operation, each carrying its manifest id in
//   __meta__.hash (what Apollo's PersistedQueryLink sends, see e2e/test/client/apollo.ts);
// - persisted-documents.json: sha256 id → document text, the manifest a gateway with TRUSTED_DOCUMENTS=enforce
//   and TRUSTED_DOCUMENTS_MANIFEST=e2e/src/gql/persisted-documents.json runs exclusively.
import type { CodegenConfig } from '@graphql-codegen/cli';
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset';

const root = new URL('..', import.meta.url).pathname;
// CODEGEN_OUT lets codegen:check write a fresh copy elsewhere and compare.
const out = process.env.CODEGEN_OUT ?? `${root}e2e/src/gql/`;

const config: CodegenConfig = {
  schema: `${root}schema/api-schema.graphql`,
  documents: [`${root}e2e/operations/*.graphql`],
  ignoreNoDocuments: false,
  // ESM imports with .js extensions (node16 module resolution).
  emitLegacyCommonJSImports: false,
  generates: {
    [out]: {
      preset: 'client',
      // Apollo Client adds __typename to every selection before sending: the documents (and so their ids) include it.
      documentTransforms: [addTypenameSelectionDocumentTransform],
      presetConfig: {
        fragmentMasking: false,
        persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: 'sha256' },
      },
      config: {
        // verbatimModuleSyntax: type-only imports.
        useTypeImports: true,
        enumsAsTypes: true,
        onlyOperationTypes: true,
        // The custom scalars travel as JSON strings (Decimal "120.50", Date "2026-12-01", DateTime ISO 8601).
        scalars: {
          Date: 'string',
          DateTime: 'string',
          Decimal: 'string',
          JSON: '{ [key: string]: unknown }',
        },
      },
    },
  },
};

export default config;
