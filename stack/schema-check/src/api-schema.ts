import { existsSync, readFileSync } from 'node:fs';
import { DEFAULT_SUPPORTED_SUPERGRAPH_FEATURES, Supergraph } from '@apollo/federation-internals';
import { extendSchema, parse, printSchema } from 'graphql';
import { withoutAuthorizationDirectives } from '@alpes/security';
import { messageOf, withFinalNewline } from './util.js';

export interface ApiSchemaResult {
  /** The API schema clients see: the supergraph's API schema plus the gateway's subscriptions. */
  sdl: string | undefined;
  /** The supergraph's API schema alone (without the gateway's subscriptions). */
  composedSdl: string | undefined;
  subscriptionsMissing: boolean;
  errors: string[];
}

/** @authenticated and @requiresScopes are linked `for: SECURITY`: the gateway enforces them (its field authorization). */
const SUPPORTED_FEATURES = new Set([
  ...DEFAULT_SUPPORTED_SUPERGRAPH_FEATURES,
  'https://specs.apollo.dev/authenticated/v0.1',
  'https://specs.apollo.dev/requiresScopes/v0.1',
]);

/**
 * The client-facing schema: the composed supergraph's API schema (no join/link machinery, no
 * @inaccessible elements) extended with the gateway's subscription SDL, as the gateway serves it.
 */
export function buildApiSchema(supergraphSdl: string, subscriptionsFile: string): ApiSchemaResult {
  let composed;
  try {
    composed = Supergraph.build(supergraphSdl, { supportedFeatures: SUPPORTED_FEATURES }).apiSchema().toGraphQLJSSchema();
  } catch (error) {
    return { sdl: undefined, composedSdl: undefined, subscriptionsMissing: false, errors: [`API schema: ${messageOf(error)}`] };
  }
  const composedSdl = withFinalNewline(printSchema(composed));
  if (!existsSync(subscriptionsFile)) {
    return { sdl: undefined, composedSdl, subscriptionsMissing: true, errors: [] };
  }
  try {
    // the subscription fields' authorization directives are the gateway's rules, not part of the schema clients see
    const extended = extendSchema(composed, withoutAuthorizationDirectives(parse(readFileSync(subscriptionsFile, 'utf8'))));
    return { sdl: withFinalNewline(printSchema(extended)), composedSdl, subscriptionsMissing: false, errors: [] };
  } catch (error) {
    return {
      sdl: undefined,
      composedSdl,
      subscriptionsMissing: false,
      errors: [`Cannot extend the API schema with the gateway subscriptions (${subscriptionsFile}): ${messageOf(error)}`],
    };
  }
}
