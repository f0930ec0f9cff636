// npm run contracts:check [-- options]   |   npm run contracts:write
import { EXIT_CODES, parseCheckArguments, runCheckCli } from '@alpes/schema-check/check-kit';
import type { ContractsCheckOptions } from './options.js';
import { runContractsCheck } from './run-contracts-check.js';
import { writeContractsDocument } from './write-document.js';

const HELP = `Usage: tsx stack/contracts-check/src/cli.ts [options]

The message contracts, checked like the graph. Builds the AsyncAPI 3.0 document of packages/contracts (every topic
a channel, every message type and version with its payload as JSON Schema, the envelope, the ordering key),
validates it with @asyncapi/parser, checks that the committed schema/asyncapi.yaml is up to date and compares it
with the base's (origin/main, else HEAD, else the committed file). Breaking changes are named
\`topic / MessageType.field\`. The summary goes to stdout and, as Markdown, to artifacts/contracts-check.md.

Options:
  --write               Rewrite schema/asyncapi.yaml from the contracts (npm run contracts:write)
  --contracts <module>  Module exporting MESSAGE_CATALOG, EnvelopeSchema, TOPICS (default: packages/contracts/src/index.ts)
  --document <file>     The committed AsyncAPI document (default: schema/asyncapi.yaml)
  --base <file>         Base document instead of origin/main / HEAD / working tree
  --markdown <file>     Markdown report (default: artifacts/contracts-check.md)
  --no-document-check   Do not compare the committed document with the contracts
  -h, --help            Show this help

Exit codes:
  0  pass: valid document, up to date, no breaking change (new topics, types, versions, optional fields)
  1  breaking changes: a topic, message type, version or field removed, a field's type changed, a field made
     required (or optional), a required field added, an ordering key changed
  2  error: contracts that cannot be loaded or published, invalid AsyncAPI, stale or missing committed document,
     unreadable base, bad arguments
`;

async function main(): Promise<number> {
  const parsed = parseCheckArguments(
    {
      write: { type: 'boolean' },
      contracts: { type: 'string' },
      document: { type: 'string' },
      base: { type: 'string' },
      markdown: { type: 'string' },
      'no-document-check': { type: 'boolean' },
    },
    HELP,
  );
  if (!parsed.values) return parsed.exitCode;
  const { values } = parsed;
  const options: ContractsCheckOptions = {
    contractsModule: values.contracts,
    documentFile: values.document,
    baseFile: values.base,
    markdownFile: values.markdown,
    documentCheck: !values['no-document-check'],
  };
  return values.write ? write(options) : check(options);
}

async function check(options: ContractsCheckOptions): Promise<number> {
  const result = await runContractsCheck(options);
  process.stdout.write(result.text);
  return EXIT_CODES[result.status];
}

async function write(options: ContractsCheckOptions): Promise<number> {
  const result = await writeContractsDocument(options);
  for (const warning of result.validation?.warnings ?? []) console.log(`warning ${warning}`);
  if (!result.ok) {
    for (const error of result.errors) console.error(error);
    return EXIT_CODES.error;
  }
  console.log(`Wrote ${result.written} (valid AsyncAPI 3.0)`);
  return 0;
}

await runCheckCli('contracts check', main);
