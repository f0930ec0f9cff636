import type { PlaygroundTab } from './examples.js';

/** What the page's script (browser/playground.js) reads from the page. */
export interface PlaygroundPageConfig {
  /** The GraphQL endpoint, relative to the page's origin: HTTP for queries and mutations, graphql-ws for subscriptions. */
  endpoint: string;
  subscriptions: boolean;
  /** Where the page gets the schema with the Subscription type (absent: plain HTTP introspection). */
  schemaUrl?: string;
  tabs: PlaygroundTab[];
}

/**
 * Only the gateway's own origin: the page loads nothing from elsewhere, and the browser refuses it if it tried.
 * GraphiQL sets inline styles, and its CSS embeds its fonts (and a few images) as data: URLs.
 */
export const PLAYGROUND_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** JSON that is safe inside a <script> element. */
const scriptJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

export function playgroundHtml(assetPath: string, config: PlaygroundPageConfig): string {
  const asset = (name: string) => `${assetPath}/${name}`;
  return `<!doctype html>
<html lang="es">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>AlpesPartner · GraphiQL</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="${asset('graphiql.min.css')}" />
    <style>
      html, body, #graphiql { height: 100%; margin: 0; }
      #graphiql > .cargando { font: 16px system-ui, sans-serif; padding: 2rem; color: #555; }
    </style>
  </head>
  <body>
    <div id="graphiql"><p class="cargando">Cargando GraphiQL…</p></div>
    <script id="playground-config" type="application/json">${scriptJson(config)}</script>
    <script src="${asset('react.production.min.js')}"></script>
    <script src="${asset('react-dom.production.min.js')}"></script>
    <script src="${asset('graphiql.min.js')}"></script>
    <script src="${asset('playground.js')}"></script>
  </body>
</html>
`;
}
