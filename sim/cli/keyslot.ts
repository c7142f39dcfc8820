// `sim keyslot [KEY…]`: the hash slot of each key, like CLUSTER KEYSLOT; with
// no KEY, one key per line from stdin. The quickest command, so it loads
// nothing but the slot function.

import type { Command } from 'commander';
import { UsageError, type CliIO, type SetExit } from './io.ts';

/** Longest stdin line taken as a key: Redis's own bulk limit is 512 MB, but a line this long with no newline is not a list of keys. */
const MAX_LINE_CHARS = 64 << 20;

export function registerKeyslot(program: Command, io: CliIO, setExit: SetExit): void {
  program
    .command('keyslot')
    .description('hash slot of each KEY (like CLUSTER KEYSLOT); with no KEY, one key per line from stdin')
    .argument('[keys...]', 'keys')
    .action(async (keys: string[]) => {
      const { keyslotCommand, lineSlot } = await import('../data/keyslot-command.ts');
      if (keys.length > 0 || io.stdinChunks === undefined) {
        const lines = keyslotCommand(keys, keys.length === 0 ? io.stdin() : '');
        if (lines.length) io.out(lines.join('\n'));
      } else {
        await slotsOfStream(io, io.stdinChunks(), lineSlot);
      }
      setExit(0);
    });
}

/**
 * Keys from stdin, one per line, answered as they come: memory stays
 * bounded however much is piped in (`yes | sim keyslot` runs like any filter).
 */
async function slotsOfStream(io: CliIO, chunks: AsyncIterable<string>, lineSlot: (line: string) => string): Promise<void> {
  // The unfinished last line, in pieces (joining them per chunk would be quadratic in a long line).
  let rest: string[] = [];
  let restChars = 0;
  for await (const chunk of chunks) {
    const nl = chunk.lastIndexOf('\n');
    if (nl < 0) {
      rest.push(chunk);
      restChars += chunk.length;
      if (restChars > MAX_LINE_CHARS) throw new UsageError(`stdin: a line of more than ${MAX_LINE_CHARS >> 20} MB with no newline; keys are read one per line`);
      continue;
    }
    const lines = (rest.join('') + chunk.slice(0, nl)).split('\n');
    rest = [chunk.slice(nl + 1)];
    restChars = rest[0]!.length;
    io.out(lines.map(lineSlot).join('\n'));
  }
  // A final newline does not start another key.
  if (restChars > 0) io.out(lineSlot(rest.join('')));
}
