import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A file the playground page loads, served by the gateway itself (nothing comes from a CDN). */
export interface PlaygroundAsset {
  /** File name under the playground's asset path, e.g. `graphiql.min.js`. */
  name: string;
  /** Absolute path of the installed file. */
  file: string;
  contentType: string;
}

// Resolved from the gateway package: it pins react@18 / react-dom@18 (GraphiQL 3 needs their UMD builds, which React 19
// no longer ships), even when another package hoists a React 19 to the repository's node_modules.
const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

const JS = 'text/javascript; charset=utf-8';

/** Every file the page needs, resolved once; fails at start (not at the first page view) when a package is missing. */
export function resolvePlaygroundAssets(): PlaygroundAsset[] {
  const graphiql = packageDir('graphiql');
  const assets: PlaygroundAsset[] = [
    { name: 'react.production.min.js', file: join(packageDir('react'), 'umd', 'react.production.min.js'), contentType: JS },
    { name: 'react-dom.production.min.js', file: join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js'), contentType: JS },
    // graphiql.min.js bundles @graphiql/react, CodeMirror and graphql-ws; its CSS embeds its fonts as data: URLs.
    { name: 'graphiql.min.js', file: join(graphiql, 'graphiql.min.js'), contentType: JS },
    { name: 'graphiql.min.css', file: join(graphiql, 'graphiql.min.css'), contentType: 'text/css; charset=utf-8' },
    // graphiql.min.js names its source map index.umd.js.map (only browser dev tools ask for it).
    { name: 'index.umd.js.map', file: join(graphiql, 'graphiql.min.js.map'), contentType: 'application/json; charset=utf-8' },
    { name: 'playground.js', file: fileURLToPath(new URL('./browser/playground.js', import.meta.url)), contentType: JS },
  ];
  const missing = assets.filter((asset) => !existsSync(asset.file));
  if (missing.length > 0) throw new Error(`playground files missing (npm install?): ${missing.map((asset) => asset.file).join(', ')}`);
  return assets;
}
