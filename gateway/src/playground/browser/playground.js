// The playground page's own script (served as is, no build step): GraphiQL 3 on the gateway's /graphql endpoint.
// Queries and mutations go over HTTP POST, subscriptions over graphql-ws on the same URL (GraphiQL bundles graphql-ws).
/* global window, document, fetch, URL, URLSearchParams, React, ReactDOM, GraphiQL */
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('playground-config').textContent);
  var url = new URL(config.endpoint, window.location.href).href;
  var INTROSPECTION = ['IntrospectionQuery', 'IntrospectionQuerySansSubscriptions'];

  // A link such as /graphql#token=<JWT> (what npm start prints) opens the page with that token in the Authorization
  // header. The fragment never reaches a server; it is removed from the address bar (and history) at once.
  var token = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (token) window.history.replaceState(null, '', window.location.pathname + window.location.search);
  var headers = token ? JSON.stringify({ Authorization: 'Bearer ' + token }, null, 2) : undefined;

  // Queries and mutations send the headers editor's values over HTTP (GraphiQL merges them in); a subscription's
  // socket sends its Authorization as connectionParams.authorization, so each Authorization value gets its own client.
  var fetchers = {};
  function fetcherFor(authorization) {
    var key = authorization || '';
    if (!fetchers[key]) {
      var options = { url: url };
      if (config.subscriptions) {
        options.subscriptionUrl = url.replace(/^http/, 'ws');
        if (authorization) options.wsConnectionParams = { authorization: authorization };
      }
      fetchers[key] = GraphiQL.createFetcher(options);
    }
    return fetchers[key];
  }
  function authorizationOf(options) {
    var given = (options && options.headers) || {};
    for (var name in given) if (name.toLowerCase() === 'authorization') return String(given[name]);
    return undefined;
  }

  // The gateway answers HTTP introspection with its federated schema, which has no Subscription type (graphql-ws
  // serves that): GraphiQL's schema (docs, completion, validation) comes from the gateway's combined schema instead.
  function fetcher(params, options) {
    var base = fetcherFor(authorizationOf(options));
    if (config.schemaUrl && INTROSPECTION.indexOf(params.operationName) !== -1) {
      return fetch(config.schemaUrl, { headers: { accept: 'application/json' } }).then(function (response) {
        return response.ok ? response.json() : base(params, options);
      });
    }
    return base(params, options);
  }

  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(
      GraphiQL,
      Object.assign(
        {
          fetcher: fetcher,
          defaultTabs: config.tabs.map(function (tab) {
            return headers ? Object.assign({ headers: headers }, tab) : tab;
          }),
          defaultEditorToolsVisibility: headers ? 'headers' : true,
          // a token is never written to the browser's storage
          shouldPersistHeaders: false,
        },
        headers ? { headers: headers, defaultHeaders: headers } : {},
      ),
    ),
  );
})();
