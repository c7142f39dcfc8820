// `@B` in commands: a node's ID where the command takes an ID, its address
// where it takes an address (scenario-format.md §2). Which one depends on
// the argument's role, so substitution happens on split arguments:
// CLUSTER MEET @D → `127.0.0.1 7006`; redis-cli positional node arguments →
// `127.0.0.1:7006` (del-node's second is an ID); everything else → the ID.

import { scanNodeRefs } from '../scenario/command-text.ts';

export interface NodeAddress {
  id: string;
  /** ID before the last CLUSTER RESET HARD (`@B.previous`); the current one if none. */
  previousId: string;
  ip: string;
  port: number;
}

export type AddressBook = (name: string) => NodeAddress | undefined;

/** Options of redis-cli --cluster that take a value (the value is not a node address). */
const CLI_VALUE_OPTIONS = new Set([
  '--cluster-replicas',
  '--cluster-master-id',
  '--cluster-from',
  '--cluster-to',
  '--cluster-slots',
  '--cluster-timeout',
  '--cluster-pipeline',
  '--cluster-weight',
  '--cluster-threshold',
]);

function replaceRefs(arg: string, book: AddressBook, as: 'id' | 'hostport'): string {
  const refs = scanNodeRefs(arg);
  if (refs.length === 0) return arg;
  let out = '';
  let last = 0;
  for (const r of refs) {
    const a = book(r.name);
    out += arg.slice(last, r.offset);
    if (!a) out += arg.slice(r.offset, r.offset + r.length);
    else out += as === 'hostport' ? `${a.ip}:${a.port}` : r.previous ? a.previousId : a.id;
    last = r.offset + r.length;
  }
  return out + arg.slice(last);
}

/** Substitute the references of a `redis:` command (already split). */
export function substituteRedis(args: readonly string[], book: AddressBook): string[] {
  const isMeet = args[0]?.toUpperCase() === 'CLUSTER' && args[1]?.toUpperCase() === 'MEET';
  const out: string[] = [];
  args.forEach((arg, i) => {
    if (isMeet && i === 2) {
      const refs = scanNodeRefs(arg);
      const a = refs.length === 1 && refs[0]!.length === arg.length ? book(refs[0]!.name) : undefined;
      if (a) {
        out.push(a.ip, String(a.port));
        return;
      }
    }
    out.push(replaceRefs(arg, book, 'id'));
  });
  return out;
}

/** Substitute the references of `redis-cli --cluster ...` arguments. */
export function substituteRedisCli(args: readonly string[], book: AddressBook): string[] {
  const sub = args[1]?.toLowerCase();
  let positional = 0;
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (CLI_VALUE_OPTIONS.has(arg) && i + 1 < args.length) {
      out.push(arg);
      // --cluster-weight takes several id=weight words.
      do out.push(replaceRefs(args[++i]!, book, 'id'));
      while (arg === '--cluster-weight' && i + 1 < args.length && !args[i + 1]!.startsWith('--'));
      continue;
    }
    if (arg.startsWith('--') || i < 2) {
      out.push(arg);
      continue;
    }
    positional++;
    const idArg = sub === 'del-node' && positional === 2;
    out.push(replaceRefs(arg, book, idArg ? 'id' : 'hostport'));
  }
  return out;
}
