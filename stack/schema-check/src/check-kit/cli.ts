import { parseArgs, type ParseArgsConfig } from 'node:util';
import { messageOf } from '../util.js';
import { EXIT_CODES } from './report.js';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
type CheckConfig<Options extends OptionsConfig> = { options: Options & { help: { type: 'boolean'; short: 'h' } }; strict: true; allowPositionals: false };
type CheckValues<Options extends OptionsConfig> = ReturnType<typeof parseArgs<CheckConfig<Options>>>['values'];

/**
 * A check's command line: its options plus `-h/--help`, no positionals, unknown options refused. Returns the
 * values, or the exit code when there is nothing to run (help printed: 0; bad arguments, with the help: 2).
 */
export function parseCheckArguments<const Options extends OptionsConfig>(
  options: Options,
  help: string,
): { values: CheckValues<Options> } | { values?: undefined; exitCode: number } {
  const config: CheckConfig<Options> = { options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false };
  let values: CheckValues<Options>;
  try {
    values = parseArgs(config).values;
  } catch (error) {
    console.error(`${messageOf(error)}\n\n${help}`);
    return { exitCode: EXIT_CODES.error };
  }
  if ((values as { help?: boolean }).help) {
    console.log(help);
    return { exitCode: 0 };
  }
  return { values };
}

/** Runs a check's main and exits with its code; an unexpected failure prints its stack and exits 2. */
export async function runCheckCli(name: string, main: () => number | Promise<number>): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (error) {
    console.error(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = EXIT_CODES.error;
  }
}
