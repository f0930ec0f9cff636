// codegen:check for a subgraph: generates the resolver types into a temporary file and compares them with the
// committed src/resolver-types.generated.ts. Exit 1 (naming the file) when they differ: schema.graphql changed and
// `npm run codegen` was not run. Run from the subgraph's folder (npm run codegen:check -w subgraphs/<name>).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const committed = 'src/resolver-types.generated.ts';
const dir = mkdtempSync(join(tmpdir(), 'resolver-types-'));
const fresh = join(dir, 'resolver-types.generated.ts');
try {
  execFileSync('graphql-codegen', ['--config', 'codegen.ts'], { stdio: 'inherit', env: { ...process.env, CODEGEN_OUT: fresh } });
  let current = '';
  try {
    current = readFileSync(committed, 'utf8');
  } catch {
    // a missing file is stale too
  }
  const name = process.cwd().split('/').slice(-2).join('/');
  if (current !== readFileSync(fresh, 'utf8')) {
    console.error(`${name}/${committed} is stale: schema.graphql changed. Run npm run codegen and commit the result.`);
    process.exitCode = 1;
  } else {
    console.log(`${name}/${committed} matches schema.graphql`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
