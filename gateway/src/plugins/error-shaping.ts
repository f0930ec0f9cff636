import type { GraphQLFormattedError } from 'graphql';
import { createErrorFormatter, type Logger } from '@alpes/platform';
import { formatLimitError } from './operation-limits-plugin.js';

/**
 * The gateway's error shape: errors from subgraphs keep their extensions.code (BAD_USER_INPUT, UNAVAILABLE, …);
 * anything else is masked and logged by the platform formatter. Internal details (the reason) never reach clients.
 */
export function createGatewayErrorFormatter(logger: Logger) {
  const platformFormatter = createErrorFormatter('gateway', logger);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const limit = formatLimitError(formatted);
    if (limit) return limit;
    if (formatted.extensions?.code === 'UNAVAILABLE') {
      const { reason, ...extensions } = formatted.extensions;
      if (reason) logger.warn({ reason, serviceName: extensions.serviceName }, 'subgraph unavailable');
      return { ...formatted, extensions };
    }
    if (/no subscription type|subscriptions? (are )?not supported/i.test(formatted.message)) {
      return { message: 'Subscriptions are served over graphql-ws on this same /graphql endpoint (ws://…/graphql), not over HTTP POST', extensions: { code: 'BAD_REQUEST' } };
    }
    return platformFormatter(formatted, error);
  };
}
