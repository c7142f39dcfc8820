// `sim check FILE…`: validate scenario files; errors as FILE:LINE:COL: reason
// on stderr and exit 2 on any, else "N files OK".

import type { Command } from 'commander';
import type { CliIO, SetExit } from './io.ts';

export function registerCheck(program: Command, io: CliIO, setExit: SetExit): void {
  program
    .command('check')
    .description('validate scenario files (errors as FILE:LINE:COL; exit 2 on any)')
    .argument('<files...>', 'scenario YAML files')
    .action(async (files: string[]) => {
      const [{ checkFiles }, { LIMITS }] = await Promise.all([import('../scenario/index.ts'), import('../scenario/limits.ts')]);
      const r = checkFiles(files, (p) => io.readFile(p, LIMITS.fileBytes.max));
      for (const l of r.lines) (r.ok ? io.out : io.err)(l);
      if (r.ok) io.out(`${files.length} file${files.length === 1 ? '' : 's'} OK`);
      setExit(r.ok ? 0 : 2);
    });
}
