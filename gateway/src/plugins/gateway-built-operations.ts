/**
 * Operations the gateway builds itself and runs in process (ApolloServer.executeOperation): subscription hydrations.
 * Their contexts carry this symbol. Apollo copies a context per operation (own properties, symbols included), and no
 * client can set one: HTTP and websocket contexts are built by the gateway.
 */
const BUILT_BY_GATEWAY = Symbol('built by the gateway');

export function markBuiltByGateway<Context extends object>(context: Context): Context {
  return Object.assign(context, { [BUILT_BY_GATEWAY]: true });
}

export function isBuiltByGateway(context: unknown): boolean {
  return typeof context === 'object' && context !== null && (context as Record<symbol, unknown>)[BUILT_BY_GATEWAY] === true;
}
