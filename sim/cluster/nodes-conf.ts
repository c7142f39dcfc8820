// nodes.conf: what clusterSaveConfig writes and clusterLoadConfig reads
// (7.0.15). The file is the CLUSTER NODES text without handshake nodes plus
// a `vars` line. Loading rebuilds a node table with some deliberate
// substitutions: non-zero ping/pong times become the load time, a `fail`
// flag gets fail_time = load time, and a replica's configEpoch is read as 0
// (its line carries its master's epoch, which is not its own).

import {
  CLUSTER_NAMELEN,
  CLUSTER_NODE_FAIL,
  CLUSTER_NODE_HANDSHAKE,
  CLUSTER_NODE_MASTER,
  CLUSTER_NODE_MYSELF,
  CLUSTER_NODE_NOADDR,
  CLUSTER_NODE_NOFAILOVER,
  CLUSTER_NODE_PFAIL,
  CLUSTER_NODE_SLAVE,
  CLUSTER_PORT_INCR,
  CLUSTER_SLOTS,
} from './constants.ts';
import { clusterNodeAddSlave, nodeIsSlave, type ClusterNode } from './node.ts';
import { clusterAddNode, clusterAddSlotRange, clusterLookupNode, createClusterNode } from './node-table.ts';
import { clusterGenNodesDescription } from './nodes-format.ts';
import type { ClusterState } from './state.ts';

/** clusterSaveConfig's payload: the whole file. */
export function clusterGenNodesConfig(cs: ClusterState): string {
  return (
    clusterGenNodesDescription(cs, CLUSTER_NODE_HANDSHAKE) +
    `vars currentEpoch ${cs.currentEpoch} lastVoteEpoch ${cs.lastVoteEpoch}\n`
  );
}

/**
 * 'loaded'; 'empty' for a zero-length file (Redis then starts as a new node
 * and writes a fresh file); or, where Redis would exit or panic, `error` =
 * the text Redis logs and `detail` = what was wrong. After an error the
 * ClusterState is half built and must be discarded.
 */
export type ClusterLoadResult = 'loaded' | 'empty' | { error: string; detail: string };

const CORRUPT = 'Unrecoverable error: corrupted cluster config file.';

/** Thrown inside the parser only; turned into the result value. */
class ConfigError extends Error {
  constructor(
    readonly redisText: string,
    detail: string,
  ) {
    super(detail);
  }
}

const corrupt = (detail: string): ConfigError => new ConfigError(CORRUPT, detail);

const FLAG_BY_NAME: Readonly<Record<string, number>> = {
  myself: CLUSTER_NODE_MYSELF,
  master: CLUSTER_NODE_MASTER,
  slave: CLUSTER_NODE_SLAVE,
  'fail?': CLUSTER_NODE_PFAIL,
  fail: CLUSTER_NODE_FAIL,
  handshake: CLUSTER_NODE_HANDSHAKE,
  noaddr: CLUSTER_NODE_NOADDR,
  nofailover: CLUSTER_NODE_NOFAILOVER,
  noflags: 0,
};

/** C atoi as glibc does it: strtol, then truncated to int (so a ms timestamp keeps its low 32 bits). */
function atoi(s: string): number {
  const m = /^\s*([+-]?\d+)/.exec(s);
  return m ? Number(BigInt.asIntN(32, BigInt(m[1]!))) : 0;
}

/** strtoull(s, NULL, 10) for the values Redis writes (leading digits, else 0). */
function strtoull(s: string): number {
  const m = /^\s*\+?(\d+)/.exec(s);
  return m ? Number(m[1]) : 0;
}

/** verifyClusterNodeId: 40 characters of [a-z0-9]. */
function verifyClusterNodeId(name: string): boolean {
  return name.length === CLUSTER_NAMELEN && /^[a-z0-9]+$/.test(name);
}

/** Look a node up by name, creating it (flags 0) when a line refers to it before its own line. */
function lookupOrCreate(cs: ClusterState, name: string, what: string): ClusterNode {
  if (!verifyClusterNodeId(name)) throw corrupt(`invalid ${what} id '${name}'`);
  let n = clusterLookupNode(cs, name);
  if (!n) {
    n = createClusterNode(cs, name, 0);
    clusterAddNode(cs, n);
  }
  return n;
}

function loadVars(cs: ClusterState, argv: string[]): void {
  if (argv.length % 2 === 0) throw corrupt('vars line with an odd number of values');
  for (let j = 1; j < argv.length; j += 2) {
    const name = argv[j]!.toLowerCase();
    if (name === 'currentepoch') cs.currentEpoch = strtoull(argv[j + 1]!);
    else if (name === 'lastvoteepoch') cs.lastVoteEpoch = strtoull(argv[j + 1]!);
    else if (cs.env.logEnabled('warning')) cs.env.log('warning', `Skipping unknown cluster config variable '${argv[j]}'`);
  }
}

/** `ip:port[@cport][,hostname]`; the last ':' splits, so an IPv6 address keeps its colons. */
function loadAddress(n: ClusterNode, field: string): void {
  const comma = field.indexOf(',');
  n.hostname = comma >= 0 ? field.slice(comma + 1) : '';
  const addr = comma >= 0 ? field.slice(0, comma) : field;
  const colon = addr.lastIndexOf(':');
  if (colon < 0) throw corrupt(`address without port '${field}'`);
  n.ip = addr.slice(0, colon);
  const [port, busPort] = addr.slice(colon + 1).split('@', 2) as [string, string | undefined];
  n.port = atoi(port);
  // Files from before Redis 4 have no @cport: the default offset applies.
  n.cport = busPort !== undefined ? atoi(busPort) : n.port + CLUSTER_PORT_INCR;
}

function loadFlags(cs: ClusterState, n: ClusterNode, field: string): void {
  for (const name of field.split(',')) {
    const bit = FLAG_BY_NAME[name.toLowerCase()];
    if (bit === undefined) throw new ConfigError('Unknown flag in redis cluster config file', `flag '${name}'`);
    if (bit === CLUSTER_NODE_MYSELF) {
      if ((cs.myself as ClusterNode | undefined) !== undefined) throw corrupt('two nodes flagged myself');
      cs.myself = n;
    }
    if (bit === CLUSTER_NODE_FAIL) n.failTime = cs.env.mstime();
    n.flags |= bit;
  }
}

/** Slot fields: `5`, `0-99`, `[5->-<id>]` (migrating to), `[5-<-<id>]` (importing from). */
function loadSlotField(cs: ClusterState, n: ClusterNode, field: string): void {
  if (field[0] === '[') {
    const dash = field.indexOf('-');
    if (dash < 0) throw corrupt(`bad migrating/importing entry '${field}'`);
    const slot = atoi(field.slice(1, dash));
    if (slot < 0 || slot >= CLUSTER_SLOTS) throw corrupt(`slot out of range in '${field}'`);
    const close = field.indexOf(']', dash + 3);
    if (close < 0) throw corrupt(`unterminated entry '${field}'`);
    const peer = lookupOrCreate(cs, field.slice(dash + 3, close), 'migrating/importing node');
    // Redis reads only the character after the dash: '>' is migrating, anything else importing.
    if (field[dash + 1] === '>') cs.migratingSlotsTo.set(slot, peer);
    else cs.importingSlotsFrom.set(slot, peer);
    return;
  }
  const dash = field.indexOf('-');
  let start = dash >= 0 ? atoi(field.slice(0, dash)) : atoi(field);
  const stop = dash >= 0 ? atoi(field.slice(dash + 1)) : start;
  if (start < 0 || start >= CLUSTER_SLOTS || stop < 0 || stop >= CLUSTER_SLOTS) throw corrupt(`slot out of range '${field}'`);
  // A slot already bound (to an earlier line's node) stays with that node.
  clusterAddSlotRange(cs, n, start, stop);
}

function loadNodeLine(cs: ClusterState, argv: string[]): void {
  if (argv.length < 8) throw corrupt(`node line with ${argv.length} fields`);
  const n = lookupOrCreate(cs, argv[0]!, 'node');
  loadAddress(n, argv[1]!);
  loadFlags(cs, n, argv[2]!);
  if (argv[3]![0] !== '-') {
    const master = lookupOrCreate(cs, argv[3]!, 'master');
    n.slaveof = master;
    clusterNodeAddSlave(master, n);
  }
  // The saved times are another run's clock: any non-zero one means "now".
  if (atoi(argv[4]!)) n.pingSent = cs.env.mstime();
  if (atoi(argv[5]!)) n.pongReceived = cs.env.mstime();
  n.configEpoch = nodeIsSlave(n) && n.slaveof ? 0 : strtoull(argv[6]!);
  // argv[7] (link state) is ignored: every link starts down.
  for (let j = 8; j < argv.length; j++) loadSlotField(cs, n, argv[j]!);
}

/** clusterGetMaxEpoch: the largest configEpoch in the table, or currentEpoch if larger. */
export function clusterGetMaxEpoch(cs: ClusterState): number {
  let max = 0;
  for (const n of cs.nodes.values()) if (n.configEpoch > max) max = n.configEpoch;
  return Math.max(max, cs.currentEpoch);
}

/**
 * clusterLoadConfig into a fresh ClusterState (no nodes, no myself). On
 * success cs.myself is set and "Node configuration loaded" is logged;
 * currentEpoch is raised to the largest configEpoch (protection against
 * hand-edited files).
 */
export function clusterLoadConfig(cs: ClusterState, text: string): ClusterLoadResult {
  if (text.length === 0) return 'empty';
  try {
    for (const line of text.split('\n')) {
      // Blank lines: a hand edit, or padding left by a save stopped before its truncate().
      if (line === '') continue;
      // sdssplitargs splits on any whitespace; Redis never writes quotes here.
      const argv = line.split(/[ \t\r\v\f]+/).filter((a) => a !== '');
      if (argv.length === 0) throw corrupt('line with only whitespace');
      if (argv[0]!.toLowerCase() === 'vars') loadVars(cs, argv);
      else loadNodeLine(cs, argv);
    }
    if ((cs.myself as ClusterNode | undefined) === undefined) throw corrupt('no node flagged myself');
  } catch (e) {
    if (e instanceof ConfigError) return { error: e.redisText, detail: e.message };
    throw e;
  }
  if (cs.env.logEnabled('notice')) cs.env.log('notice', `Node configuration loaded, I'm ${cs.myself.name}`);
  const maxEpoch = clusterGetMaxEpoch(cs);
  if (maxEpoch > cs.currentEpoch) cs.currentEpoch = maxEpoch;
  return 'loaded';
}
