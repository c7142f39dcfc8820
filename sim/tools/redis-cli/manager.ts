// The cluster_manager global of redis-cli and the little helpers every
// subcommand shares: the node list, the errors a check collected, masters it
// could not reach, node lookup by ID or ID prefix, prompts, and the exact
// texts of its error reports.

import type { Prng } from '../../core/prng.ts';
import type { ClusterManagerCommand } from './options.ts';
import type { Output } from './output.ts';
import type { CliNode } from './node.ts';

export class ClusterManager {
  /** cluster_manager.nodes; null until a subcommand loads or builds it. */
  nodes: CliNode[] | null = null;
  /** cluster_manager.errors. */
  readonly errors: string[] = [];
  unreachableMasters = 0;
  /** What the tool's stdin still holds (a scenario has no terminal: empty unless given). */
  private stdin: string;

  constructor(
    readonly cmd: ClusterManagerCommand,
    readonly out: Output,
    /** The tool's own randomness (create's optimizer, fix's random master): world.rng.fork('redis-cli'). */
    readonly rng: Prng,
    stdin = '',
  ) {
    this.stdin = stdin;
  }

  /** clusterManagerNodeByName: exact (lower-cased) ID. */
  nodeByName(name: string): CliNode | undefined {
    const lc = name.toLowerCase();
    return (this.nodes ?? []).find((n) => n.name !== null && n.name === lc);
  }

  /** clusterManagerNodeByAbbreviatedName: the first node whose ID starts with `name`. */
  nodeByAbbreviatedName(name: string): CliNode | undefined {
    const lc = name.toLowerCase();
    return (this.nodes ?? []).find((n) => n.name !== null && n.name.startsWith(lc));
  }

  /** The masters (nodes not flagged slave), in list order. */
  masters(): CliNode[] {
    return (this.nodes ?? []).filter((n) => !n.isSlave);
  }

  /** CLUSTER_MANAGER_PRINT_REPLY_ERROR. */
  printReplyError(n: CliNode, err: string): void {
    this.out.log(`Node ${n.ip}:${n.port} replied with error:\n${err}\n`);
  }

  /** clusterManagerOnError: remember and print. */
  onError(err: string): void {
    this.errors.push(err);
    this.out.log(`${err}\n`);
  }

  /**
   * confirmWithYes: --cluster-yes answers unless `ignoreForce`; otherwise
   * the prompt is printed and up to four bytes of stdin must read "yes".
   */
  confirmWithYes(msg: string, ignoreForce: boolean): boolean {
    if (!ignoreForce && this.cmd.yes) return true;
    this.out.out(`${msg} (type 'yes' to accept): `);
    return this.readAnswer(4) === 'yes';
  }

  /**
   * read(stdin, buf, n) with buf[n-1] cleared, as redis-cli's yes/no
   * prompts do: the first n-1 bytes of what is left.
   */
  readAnswer(n: number): string {
    const chunk = this.stdin.slice(0, n);
    this.stdin = this.stdin.slice(chunk.length);
    return chunk.slice(0, n - 1);
  }

  /**
   * reshard's questions: read(stdin, buf, n) of a line typed at a terminal,
   * the rest of a longer line discarded (getchar to the newline), the
   * newline dropped. null at the end of stdin, where the real tool would ask
   * again forever.
   */
  readLine(n: number): string | null {
    if (this.stdin.length === 0) return null;
    const nl = this.stdin.indexOf('\n');
    const line = nl < 0 ? this.stdin : this.stdin.slice(0, nl + 1);
    this.stdin = this.stdin.slice(line.length);
    return line.slice(0, n).slice(0, -1); // buf[nread - 1] = '\0': the newline, or the last byte read
  }
}

/** clusterManagerNodeWithLeastReplicas: the first master with the fewest replicas. */
export function nodeWithLeastReplicas(cm: ClusterManager): CliNode | undefined {
  let best: CliNode | undefined;
  for (const n of cm.masters()) if (best === undefined || n.replicasCount < best.replicasCount) best = n;
  return best;
}

/** clusterManagerNodeMasterRandom (rand() % masters). */
export function nodeMasterRandom(cm: ClusterManager): CliNode {
  const masters = cm.masters();
  if (masters.length === 0) throw new Error('redis-cli: no master to pick');
  return masters[cm.rng.int(masters.length)]!;
}
