// `sim keyslot [KEY…]`: the hash slot of each key, like CLUSTER KEYSLOT; with
// no KEY, one key per line from stdin. The quickest command, so it loads
// nothing but the slot function.

import type { Command } from 'commander';
import type { CliIO, SetExit } from './io.ts';

export function registerKeyslot(program: Command, io: CliIO, setExit: SetExit): void {
  program
    .command('keyslot')
    .description('hash slot of each KEY (like CLUSTER KEYSLOT); with no KEY, one key per line from stdin')
    .argument('[keys...]', 'keys')
    .action(async (keys: string[]) => {
      const { keyslotCommand } = await import('../data/keyslot-command.ts');
      const lines = keyslotCommand(keys, keys.length === 0 ? io.stdin() : '');
      if (lines.length) io.out(lines.join('\n'));
      setExit(0);
    });
}
