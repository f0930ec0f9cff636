// Writes the composed supergraph for production mode (SUPERGRAPH_FILE), like `rover supergraph compose`.
// Usage: npm run supergraph:compose [-- <output file>]   (subgraph URLs from AFILIADOS_URL, CONVERSIONES_URL, MARKETING_URL)
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { composeSubgraphFiles, defaultSubgraphEndpoints, describeCompositionErrors } from './compose-subgraph-files.js';

const output = resolve(process.argv[2] ?? 'gateway/supergraph.graphql');
const endpoints = defaultSubgraphEndpoints().map((endpoint) => ({
  ...endpoint,
  url: process.env[`${endpoint.name.toUpperCase()}_URL`] ?? endpoint.url,
}));
const result = composeSubgraphFiles(endpoints);
if (result.errors) {
  console.error(`Composition failed with ${result.errors.length} error(s):`);
  for (const line of describeCompositionErrors(result)) console.error(`  - ${line}`);
  process.exit(1);
}
for (const hint of result.hints) console.log(`hint ${hint.definition.code}: ${hint.message}`);
writeFileSync(output, result.supergraphSdl);
console.log(`supergraph written to ${output} (${endpoints.map((endpoint) => `${endpoint.name}=${endpoint.url}`).join(', ')})`);
