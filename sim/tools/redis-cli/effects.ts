// How the tool's algorithms wait. redis-cli is a synchronous program: it
// connects, sends one command, blocks on the reply, sleeps a second. Here
// each algorithm is a generator that yields what it waits for, and the
// session (session.ts) resumes it with the outcome when simulated time and
// the network deliver it. That keeps the code shaped like redis-cli's own
// (loops, early returns) without Promises, which the simulation forbids.

import type { Reply } from '../../core/reply.ts';
import type { CliNode } from './node.ts';

export type Effect =
  /** Blocking connect to the node's client port; resumes with null or hiredis's error text. */
  | { readonly kind: 'connect'; readonly node: CliNode }
  /** One command on the node's connection; resumes with the reply, or null on an I/O error. */
  | { readonly kind: 'call'; readonly node: CliNode; readonly argv: readonly string[] }
  /** sleep(): resumes after `ms` of simulated time. */
  | { readonly kind: 'sleep'; readonly ms: number };

/** A step of the tool: yields effects, is resumed with their outcomes, returns T. */
export type Proc<T> = Generator<Effect, T, unknown>;

/** exit(code) from deep inside an algorithm (redis-cli calls exit(1) in a few places). */
export class CliExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

export function* connect(node: CliNode): Proc<string | null> {
  return (yield { kind: 'connect', node }) as string | null;
}

/** CLUSTER_MANAGER_COMMAND: the reply, or null when the connection failed (as hiredis returns NULL). */
export function* call(node: CliNode, ...argv: (string | number)[]): Proc<Reply | null> {
  return (yield { kind: 'call', node, argv: argv.map(String) }) as Reply | null;
}

export function* sleep(ms: number): Proc<void> {
  yield { kind: 'sleep', ms };
}

/** Reply helpers in hiredis terms. */
export const isErr = (r: Reply | null): r is { kind: 'error'; text: string } => r !== null && r.kind === 'error';

/** clusterManagerCheckRedisReply: not NULL and not an error. */
export const replyOk = (r: Reply | null): boolean => r !== null && r.kind !== 'error';

export function replyString(r: Reply | null): string {
  if (r === null) return '';
  if (r.kind === 'bulk') return r.value ?? '';
  if (r.kind === 'status' || r.kind === 'error') return r.text;
  return '';
}

export function replyInt(r: Reply | null): number {
  return r !== null && r.kind === 'int' ? r.value : 0;
}

export function replyItems(r: Reply | null): Reply[] {
  return r !== null && r.kind === 'array' ? (r.items ?? []) : [];
}
