import { existsSync, readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { extendSchema, parse, printSchema } from 'graphql';
import { messageOf, withFinalNewline } from './util.js';

export interface ApiSchemaResult {
  /** The API schema clients see: the supergraph's API schema plus the gateway's subscriptions. */
  sdl: string | undefined;
  /** The supergraph's API schema alone (without the gateway's subscriptions). */
  composedSdl: string | undefined;
  subscriptionsMissing: boolean;
  errors: string[];
}

/**
 * The client-facing schema: the composed supergraph's API schema (no join/link machinery, no
 * @inaccessible elements) extended with the gateway's subscription SDL, as the gateway serves it.
 */
export function buildApiSchema(supergraphSdl: string, subscriptionsFile: string): ApiSchemaResult {
  let composed;
  try {
    composed = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  } catch (error) {
    return { sdl: undefined, composedSdl: undefined, subscriptionsMissing: false, errors: [`API schema: ${messageOf(error)}`] };
  }
  const composedSdl = withFinalNewline(printSchema(composed));
  if (!existsSync(subscriptionsFile)) {
    return { sdl: undefined, composedSdl, subscriptionsMissing: true, errors: [] };
  }
  try {
    const extended = extendSchema(composed, parse(readFileSync(subscriptionsFile, 'utf8')));
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
