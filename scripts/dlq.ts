// npm run dlq -- list <topic>                      the dead-lettered messages of <topic> (from <topic>-DLQ) with their error
// npm run dlq -- replay <topic> [--id <messageId>]  puts them (or one) back on <topic>; the inbox applies each once
// On the bus BUS and PULSAR_* name (Pulsar's admin REST + WebSocket API).
import { busConfigFromEnv, createBus } from '@alpes/messaging';
import { busStatsFor, DLQ_USAGE, DlqUsageError, runDlqCommand } from '@alpes/observability';

const { config, problems } = busConfigFromEnv(process.env);
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(2);
}
if (config.transport === 'memory') {
  console.error(
    'BUS=memory: the in-process bus lives inside the process that runs the services (npm start), so a separate command cannot reach it.\n' +
      'Run the stack on Pulsar (BUS=pulsar) to use this command; in process, call runDlqCommand / listDeadLetters / replayDeadLetters from @alpes/observability.',
  );
  process.exit(2);
}
const bus = await createBus({ ...config, client: 'websocket' });
try {
  for (const line of await runDlqCommand(process.argv.slice(2), bus, busStatsFor(bus))) console.log(line);
} catch (error) {
  if (error instanceof DlqUsageError) {
    console.error(`${error.message}\n${DLQ_USAGE}`);
    process.exitCode = 2;
  } else {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
} finally {
  await bus.close();
}
