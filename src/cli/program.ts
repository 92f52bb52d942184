import { Command, CommanderError, Option } from 'commander';
import { DEFAULT_SOCKET } from '../api/client/defaults.js';
import { VppstateError } from '../errors.js';
import { commands } from './commands/index.js';
import { packageVersion } from './version.js';

/** Options every command accepts; read them with `command.optsWithGlobals<GlobalOptions>()`. */
export interface GlobalOptions {
  socket: string;
  apiDir?: string;
  timeout: number;
  reconnectTimeout: number;
  logLevel: string;
  color: boolean;
  trace?: string;
}

export function buildProgram(): Command {
  const program = new Command('vppstate')
    .description(
      'Keep an FD.io VPP dataplane in the state that YAML documents describe: validate, plan, apply, verify, report drift.',
    )
    .version(packageVersion())
    .addOption(
      new Option('--socket <path>', 'VPP binary API socket').env('VPPSTATE_SOCKET').default(DEFAULT_SOCKET),
    )
    .addOption(
      new Option('--api-dir <dir>', 'load API definitions from this directory instead of asking VPP').env(
        'VPP_API_DIR',
      ),
    )
    .addOption(
      new Option(
        '--timeout <ms>',
        'per-call timeout in milliseconds; a VPP silent this long (stopped, hung) counts as lost',
      )
        .default(5000)
        .argParser(positiveInt),
    )
    .addOption(
      new Option(
        '--reconnect-timeout <ms>',
        'after losing VPP, how long to try to reconnect before giving up (0: never); a restarted VPP ends the command',
      )
        .default(10_000)
        .argParser(nonNegativeInt),
    )
    .addOption(
      new Option('--log-level <level>', 'log level')
        .choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
        .default('warn'),
    )
    .option('--no-color', 'plain output without ANSI colours')
    .option(
      '--trace <file>',
      "record every API message both ways, with timing, to FILE (JSON in VPP's API-trace shape; see `vppstate trace --help`)",
    )
    .showHelpAfterError('(run with --help for usage)')
    // Before the subcommands exist, so that they inherit it: run() returns exit codes, never exits.
    .exitOverride();
  for (const register of commands) register(program);
  return program;
}

function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new CommanderError(1, 'vppstate.invalidArgument', `not a non-negative integer: ${value}`);
  return n;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new CommanderError(1, 'vppstate.invalidArgument', `not a positive integer: ${value}`);
  return n;
}

/** What to do next after errors that say nothing about it themselves. */
const NEXT_STEP: Record<string, string> = {
  VPP_RESTARTED: 'next: run the command again: it will work with the restarted VPP (which starts empty)\n',
  VPP_UNAVAILABLE:
    'next: check that VPP runs and that --socket is its API socket, then run the command again\n',
};

/** Runs the CLI and returns the process exit code (0 ok, 1 error, 2 changes/drift where a command says so). */
export async function run(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return err.exitCode;
    }
    if (err instanceof VppstateError) {
      process.stderr.write(`vppstate: ${err.message}\n${NEXT_STEP[err.code] ?? ''}`);
      return 1;
    }
    process.stderr.write(
      `vppstate: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    return 1;
  }
}
