// Is the Pulsar broker the Pulsar suites and BUS=pulsar need reachable? Node builtins only.

export const pulsarWebUrl = () => process.env.PULSAR_WEB_URL ?? 'http://localhost:8080';

/** undefined when the broker answers its health check, else what is wrong and how to fix it. */
export async function brokerProblem() {
  const url = `${pulsarWebUrl()}/admin/v2/brokers/health`;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(3_000) });
    if (response.ok) return undefined;
    return `the Pulsar broker at ${pulsarWebUrl()} answers its health check with HTTP ${response.status}; see pulsar/logs/standalone.log`;
  } catch (error) {
    const reason = error instanceof Error ? (error.cause?.code ?? error.message) : String(error);
    return `no Pulsar broker at ${pulsarWebUrl()} (${reason}). Start one with: npm run pulsar:start`;
  }
}
