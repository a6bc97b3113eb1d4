#!/usr/bin/env node
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { dataCommand } from './commands/data-gen.js';
import { runCommand } from './commands/run.js';
import { matrixCommand } from './commands/matrix.js';
import { clusterCommand } from './commands/cluster.js';
import { profileCommand } from './commands/profile.js';
import { reportCommand } from './commands/report.js';
import { compareCommand } from './commands/compare.js';
import { describeError, isUserError } from './user-error.js';

/** The `sparkbench` command. Every failure ends in one line that says what and where. */
async function main(): Promise<void> {
  // `sparkbench profile` hands the profiled command over in SPARKBENCH_ARGS (see commands/profile.ts).
  const fromProfile = process.env.SPARKBENCH_ARGS;
  delete process.env.SPARKBENCH_ARGS;
  const argv = process.argv.length <= 2 && fromProfile !== undefined ? (JSON.parse(fromProfile) as string[]) : hideBin(process.argv);
  let cli = yargs(argv).scriptName('sparkbench').parserConfiguration({ 'populate--': true }).strict().demandCommand(1, 'Name a command: data, run, matrix, report, compare, cluster, profile').recommendCommands();
  cli = dataCommand(cli);
  cli = runCommand(cli);
  cli = matrixCommand(cli);
  cli = clusterCommand(cli);
  cli = reportCommand(cli);
  cli = compareCommand(cli);
  cli = profileCommand(cli);
  await cli
    .help()
    .alias('h', 'help')
    .version(false)
    .fail((msg, err) => {
      // yargs' own message means the command line was wrong (exit 2, with a pointer to --help); an error
      // thrown by a command is about the run itself (exit 1).
      if (msg !== null && msg !== undefined) {
        process.stderr.write(`sparkbench: ${msg}\nRun sparkbench --help for usage.\n`);
        process.exit(2);
      }
      process.stderr.write(`${describeError(err)}\n`);
      process.exit(isUserError(err) && err.name === 'UsageError' ? 2 : 1);
    })
    .parseAsync();
}

main().catch((err: unknown) => {
  process.stderr.write(`${describeError(err)}\n`);
  process.exit(1);
});
