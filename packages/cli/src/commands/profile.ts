import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Argv } from 'yargs';
import { UsageError } from '../user-error.js';

const require = createRequire(import.meta.url);

/**
 * `sparkbench profile [--tool doctor|flame|bubbleprof] -- run <args>`: runs the driver under clinic.
 * clinic instruments the one Node process it starts — the driver, with its task threads in local[N] mode.
 * Executor processes of a local-cluster are separate programs and are not profiled; profile a job with
 * `--master local[N]` to see the engine's task code.
 */
export function profileCommand(y: Argv): Argv {
  return y.command(
    'profile',
    'Run a sparkbench command under clinic (doctor by default) and print where the report is',
    (a) =>
      a
        .option('tool', { choices: ['doctor', 'flame', 'bubbleprof'] as const, default: 'doctor' as const, describe: 'clinic tool' })
        .option('dest', { type: 'string', default: 'sparkbench-out/profile', describe: 'Where clinic writes its report' })
        .usage('sparkbench profile [--tool doctor|flame|bubbleprof] -- run narrow --master local[2] ...'),
    async (args) => {
      const rest = (args['--'] as string[] | undefined) ?? args._.slice(1).map(String);
      if (rest.length === 0) throw new UsageError('give the command to profile after --, e.g. sparkbench profile -- run narrow --master local[2]');
      const clinicBin = join(dirname(require.resolve('clinic/package.json')), 'bin.js');
      const bin = fileURLToPath(new URL('../bin.js', import.meta.url));
      const dest = resolve(args.dest);
      mkdirSync(dest, { recursive: true });
      // NO_INSIGHT: clinic otherwise stops to ask about usage reporting (and would send it over the network).
      // The command travels in SPARKBENCH_ARGS: clinic's argument parser (subarg) rewrites brackets such
      // as local[2] before passing arguments on.
      const child = spawn(process.execPath, [clinicBin, args.tool, '--open=false', `--dest=${dest}`, '--', process.execPath, bin], {
        stdio: ['ignore', 'inherit', 'inherit'],
        env: { ...process.env, NO_INSIGHT: '1', NO_UPDATE_NOTIFIER: '1', SPARKBENCH_ARGS: JSON.stringify(rest) },
      });
      const code = await new Promise<number>((done) => child.once('exit', (c) => done(c ?? 1)));
      if (code !== 0) throw new UsageError(`clinic ${args.tool} exited with code ${code}`);
      process.stdout.write(`clinic ${args.tool} report written under ${dest} (open the .html file in a browser)\n`);
    },
  );
}
