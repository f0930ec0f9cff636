// The playground page's own script (served as is, no build step): GraphiQL 3 on the gateway's /graphql endpoint.
// Queries and mutations go over HTTP POST, subscriptions over graphql-ws on the same URL (GraphiQL bundles graphql-ws).
/* global window, document, fetch, URL, React, ReactDOM, GraphiQL */
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('playground-config').textContent);
  var url = new URL(config.endpoint, window.location.href).href;
  var base = GraphiQL.createFetcher(config.subscriptions ? { url: url, subscriptionUrl: url.replace(/^http/, 'ws') } : { url: url });
  var INTROSPECTION = ['IntrospectionQuery', 'IntrospectionQuerySansSubscriptions'];

  // The gateway answers HTTP introspection with its federated schema, which has no Subscription type (graphql-ws
  // serves that): GraphiQL's schema (docs, completion, validation) comes from the gateway's combined schema instead.
  function fetcher(params, options) {
    if (config.schemaUrl && INTROSPECTION.indexOf(params.operationName) !== -1) {
      return fetch(config.schemaUrl, { headers: { accept: 'application/json' } }).then(function (response) {
        return response.ok ? response.json() : base(params, options);
      });
    }
    return base(params, options);
  }

  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultTabs: config.tabs,
      defaultEditorToolsVisibility: true,
      shouldPersistHeaders: false,
    }),
  );
})();
