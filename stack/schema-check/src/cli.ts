// npm run schema:check [-- options]   |   npm run schema:write
import { parseCheckArguments, runCheckCli } from './check-kit/cli.js';
import { runSchemaCheck } from './run-schema-check.js';
import { EXIT_CODES } from './result.js';
import { writeSchemaArtifacts } from './write-artifacts.js';

const HELP = `Usage: tsx stack/schema-check/src/cli.ts [options]

Offline \`rover subgraph check\`: composes subgraphs/*/schema.graphql, checks that the committed
schema/supergraph.graphql and schema/api-schema.graphql are up to date, diffs the API schema against
the base (origin/main, else HEAD, else the committed file), validates the client operations
(e2e/**/*.graphql, examples/**/*.graphql) against the new API schema (plus the gateway's subscriptions)
and prints each one's estimated cost (the gateway's demand control: @cost, @listSize), failing one over
LIMIT_MAX_COST (default 5000).
The summary goes to stdout and, as Markdown, to artifacts/schema-check.md.

Options:
  --write                  Rewrite schema/supergraph.graphql and schema/api-schema.graphql (npm run schema:write)
  --subgraphs-dir <dir>    Folder with <name>/schema.graphql per subgraph (default: subgraphs)
  --subscriptions <file>   Gateway subscription SDL (default: gateway/src/subscriptions/subscription.graphql)
  --operations <pattern>   Operation files: glob, folder or file; repeatable (default: e2e/**/*.graphql, examples/**/*.graphql)
  --base <file>            Base API schema file instead of origin/main / HEAD / working tree
  --artifacts-dir <dir>    Folder of the committed supergraph.graphql and api-schema.graphql (default: schema)
  --markdown <file>        Markdown report (default: artifacts/schema-check.md)
  --no-artifact-check      Do not compare the committed artifacts with the composition
  -h, --help               Show this help

Exit codes:
  0  pass: composes, artifacts up to date, no breaking change, every operation valid (warnings allowed)
  1  breaking changes (removed field/type/enum value, changed type, new required argument or input field)
     or client operations that no longer validate or cost more than LIMIT_MAX_COST
  2  error: composition failed, committed artifact stale or missing, unreadable input, bad arguments
`;

function main(): number {
  const parsed = parseCheckArguments(
    {
      write: { type: 'boolean' },
      'subgraphs-dir': { type: 'string' },
      subscriptions: { type: 'string' },
      operations: { type: 'string', multiple: true },
      base: { type: 'string' },
      'artifacts-dir': { type: 'string' },
      markdown: { type: 'string' },
      'no-artifact-check': { type: 'boolean' },
    },
    HELP,
  );
  if (!parsed.values) return parsed.exitCode;
  const { values } = parsed;
  const options = {
    subgraphsDir: values['subgraphs-dir'],
    subscriptionsFile: values.subscriptions,
    operations: values.operations,
    baseFile: values.base,
    artifactsDir: values['artifacts-dir'],
    markdownFile: values.markdown,
    artifactCheck: !values['no-artifact-check'],
  };
  return values.write ? write(options) : check(options);
}

function check(options: Parameters<typeof runSchemaCheck>[0]): number {
  const result = runSchemaCheck(options);
  process.stdout.write(result.text);
  return EXIT_CODES[result.status];
}

function write(options: Parameters<typeof writeSchemaArtifacts>[0]): number {
  const result = writeSchemaArtifacts(options);
  for (const error of result.composition.errors) console.error(`  - ${error}`);
  for (const hint of result.composition.hints) console.log(`hint ${hint}`);
  if (!result.ok) {
    for (const error of result.errors) console.error(error);
    return EXIT_CODES.error;
  }
  console.log(`Composed ${result.composition.subgraphs.join(', ')}; wrote ${result.written.join(' and ')}`);
  return 0;
}

await runCheckCli('schema check', main);
