#!/usr/bin/env node
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { dataCommand } from './commands/dataGen.js';
import { runCommand } from './commands/run.js';
import { describeError } from './userError.js';

/** The `sparkbench` command. Every failure ends in one line that says what and where. */
async function main(): Promise<void> {
  let cli = yargs(hideBin(process.argv)).scriptName('sparkbench').strict().demandCommand(1, 'Name a command: data, run').recommendCommands();
  cli = dataCommand(cli);
  cli = runCommand(cli);
  await cli
    .help()
    .alias('h', 'help')
    .version(false)
    .fail((msg, err) => {
      process.stderr.write(`${msg !== null && msg !== undefined ? `sparkbench: ${msg}` : describeError(err)}\n`);
      process.stderr.write('Run sparkbench --help for usage.\n');
      process.exit(2);
    })
    .parseAsync();
}

main().catch((err: unknown) => {
  process.stderr.write(`${describeError(err)}\n`);
  process.exit(1);
});
