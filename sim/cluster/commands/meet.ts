// CLUSTER MEET <ip> <port> [<bus-port>] (clusterStartHandshake): add a
// HANDSHAKE|MEET node with a random name at that address; the cron connects
// to it and sends MEET, and its first PONG gives it its real name. The
// FORGET blacklist is not consulted here, so MEET can bring back a node that
// was just forgotten.

import { string2ll } from '../../core/command-args.ts';
import { OK, type Reply } from '../../core/reply.ts';
import { CLUSTER_NODE_HANDSHAKE, CLUSTER_NODE_MEET, CLUSTER_PORT_INCR } from '../constants.ts';
import { nodeInHandshake } from '../node.ts';
import { clusterAddNode, createClusterNode } from '../node-table.ts';
import type { ClusterState } from '../state.ts';
import { errorf, type SubcommandProc } from './context.ts';
import { normalizeIp } from './inet.ts';

/** C's conversion of a long long argument to an `int` parameter: keep the low 32 bits, signed. */
function toCInt(v: bigint): number {
  return Number(BigInt.asIntN(32, v));
}

/** clusterHandshakeInProgress: a handshake node at the same address (IP compared case-insensitively). */
function clusterHandshakeInProgress(cs: ClusterState, ip: string, port: number, cport: number): boolean {
  const lip = ip.toLowerCase();
  for (const n of cs.nodes.values()) {
    if (!nodeInHandshake(n)) continue;
    if (n.ip.toLowerCase() === lip && n.port === port && n.cport === cport) return true;
  }
  return false;
}

export type HandshakeResult = 'started' | 'in-progress' | 'invalid';

/** clusterStartHandshake. */
export function clusterStartHandshake(cs: ClusterState, ip: string, port: number, cport: number): HandshakeResult {
  const normIp = normalizeIp(ip);
  if (normIp === null) return 'invalid';
  if (port <= 0 || port > 65535 || cport <= 0 || cport > 65535) return 'invalid';
  if (clusterHandshakeInProgress(cs, normIp, port, cport)) return 'in-progress';
  const n = createClusterNode(cs, null, CLUSTER_NODE_HANDSHAKE | CLUSTER_NODE_MEET);
  n.ip = normIp;
  n.port = port;
  n.cport = cport;
  clusterAddNode(cs, n);
  cs.env.emit({ type: 'handshake', subject: cs.env.nodeIx(n.name), step: 'started', ip: normIp, port, cport });
  return 'started';
}

/** CLUSTER MEET; the caller has checked argc is 4 or 5. */
export const meetCommand: SubcommandProc = (ctx, argv): Reply => {
  const port = string2ll(argv[3]!);
  if (port === null) return errorf(`Invalid TCP base port specified: ${argv[3]}`);
  let cport: bigint;
  if (argv.length === 5) {
    const c = string2ll(argv[4]!);
    if (c === null) return errorf(`Invalid TCP bus port specified: ${argv[4]}`);
    cport = c;
  } else {
    cport = port + BigInt(CLUSTER_PORT_INCR);
  }
  // Redis passes both to an int parameter, so 4294974296 arrives as 7000.
  const result = clusterStartHandshake(ctx.cs, argv[2]!, toCInt(port), toCInt(cport));
  // A handshake already in progress for the address is not an error.
  if (result === 'invalid') return errorf(`Invalid node address specified: ${argv[2]}:${argv[3]}`);
  return OK;
};
