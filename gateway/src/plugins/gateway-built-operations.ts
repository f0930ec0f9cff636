/**
 * Operations the gateway builds itself and runs in process (ApolloServer.executeOperation): subscription hydrations.
 * Their context objects are marked here; a client cannot mark one, since HTTP contexts are built by the gateway.
 */
const builtByGateway = new WeakSet<object>();

export function markBuiltByGateway<Context extends object>(context: Context): Context {
  builtByGateway.add(context);
  return context;
}

export function isBuiltByGateway(context: unknown): boolean {
  return typeof context === 'object' && context !== null && builtByGateway.has(context);
}
