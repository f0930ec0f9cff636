// The gateway as plain JavaScript for production (`npm start`, the Docker image, bench:query): one ES module bundle of
// src/main.ts and the workspace packages it imports (@alpes/*, TypeScript sources), every other package left to
// node_modules. Run by plain node, without tsx: no resolver hooks on each `require` at run time (Apollo's createHash
// requires `crypto` on every call), and no `keepNames` wrapper on every function a request creates.
//   node build.mjs   (writes dist/main.mjs; `npm start` runs it first)
import { relative, dirname } from 'node:path';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const outfile = `${here}/dist/main.mjs`;

/** Workspace packages are bundled (they export .ts); everything else stays a bare import, resolved from node_modules. */
const workspaceOnly = {
  name: 'workspace-only',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@alpes/') || args.path.startsWith('node:') ? undefined : { external: true }));
    // `import.meta.url` keeps meaning the source file's URL (files read next to it: subscription.graphql, the playground)
    builder.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const fromOutput = relative(dirname(outfile), args.path).split('\\').join('/');
      return { contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromOutput)}, import.meta.url).href`), loader: 'ts' };
    });
  },
};

const { outputFiles } = await build({
  entryPoints: [`${here}/src/main.ts`],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  plugins: [workspaceOnly],
  write: false,
});
// each file written whole under a temporary name, then renamed: a gateway starting meanwhile reads the old or the new
await mkdir(dirname(outfile), { recursive: true });
for (const file of outputFiles) {
  await writeFile(`${file.path}.${process.pid}.tmp`, file.contents);
  await rename(`${file.path}.${process.pid}.tmp`, file.path);
}
console.log(`gateway: built ${relative(process.cwd(), outfile) || outfile} (${pathToFileURL(outfile).href})`);
