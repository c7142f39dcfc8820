// Cases recorded from a real redis-server 7.0.15 into
// fixtures/real-replies.json (by record-real-replies.ts) and replayed
// against the simulator by real-replies.test.ts. Each case starts from a
// fresh lone master: no slots, no keys, no other node, epochs 0, default
// config. Only single-node behaviour fits here; the multi-node errors
// (FAILOVER on a replica, FORGET my master, ...) are tested from the
// source's texts in the other files.
//
// argv placeholders: $ME = the node's own ID, $UNKNOWN = a well-formed ID
// nobody has. A `populate` step creates the key `<prefix>:0` (DEBUG
// POPULATE 1 <prefix> on the real node), whatever slot it hashes to.
// A `view` step reduces a reply to what does not depend on the run
// (ports, times, random handshake names).

import type { Reply } from '../../../sim/core/reply.ts';

export type View = 'myself-line' | 'handshakes' | 'epochs' | 'known-nodes';

export interface Step {
  argv?: string[];
  populate?: string;
  view?: View;
}

export interface Case {
  name: string;
  steps: Step[];
}

export const UNKNOWN_ID = '0123456789abcdef0123456789abcdef01234567';

const c = (name: string, ...argvs: (string[] | Step)[]): Case => ({
  name,
  steps: argvs.map((a) => (Array.isArray(a) ? { argv: a } : a)),
});
const nodesView: Step = { argv: ['CLUSTER', 'NODES'], view: 'myself-line' };
const epochsView: Step = { argv: ['CLUSTER', 'INFO'], view: 'epochs' };

export const CASES: Case[] = [
  c('container arity and unknown subcommands', ['CLUSTER'], ['CLUSTER', 'foo'], ['cluster', 'FOO', 'bar'], ['Cluster', 'help', 'x']),
  c('table arity per subcommand', ['CLUSTER', 'MEET', '1.2.3.4'], ['CLUSTER', 'addslots'], ['CLUSTER', 'ADDSLOTSRANGE', '1'], ['CLUSTER', 'SETSLOT', '1'], ['CLUSTER', 'NODES', 'x'], ['CLUSTER', 'KEYSLOT'], ['CLUSTER', 'GETKEYSINSLOT', '1'], ['CLUSTER', 'FORGET'], ['CLUSTER', 'BUMPEPOCH', 'x']),
  c('branch argc mismatch', ['CLUSTER', 'MeEt', 'a', 'b', 'c', 'd'], ['CLUSTER', 'failover', 'a', 'b'], ['CLUSTER', 'RESET', 'a', 'b'], ['CLUSTER', 'ADDSLOTSRANGE', '1', '2', '3'], ['CLUSTER', 'DELSLOTSRANGE', '1', '2', '3', '4', '5']),
  c('help', ['CLUSTER', 'HELP'], ['cluster', 'help'], ['CONFIG', 'HELP']),
  c('meet validation', ['CLUSTER', 'MEET', '1.2.3.4', 'x'], ['CLUSTER', 'MEET', '1.2.3.4', '7000', 'y'], ['CLUSTER', 'MEET', 'x', 'y'], ['CLUSTER', 'MEET', '1.2.3.4', '0'], ['CLUSTER', 'MEET', '1.2.3.4', '-1'], ['CLUSTER', 'MEET', '1.2.3.4', '60000'], ['CLUSTER', 'MEET', '1.2.3.4', '7000', '70000'], ['CLUSTER', 'MEET', 'foo', '7000'], ['CLUSTER', 'MEET', '01.2.3.4', '7000'], ['CLUSTER', 'MEET', '', '7000'], ['CLUSTER', 'MEET', '1.2.3.4', '007000'], ['CLUSTER', 'MEET', '1.2.3.4', '+7000'], ['CLUSTER', 'MEET', '1.2.3.4', '9223372036854775808'], ['CLUSTER', 'MEET', '1::2::3', '7000'], ['CLUSTER', 'MEET', 'fe80::1%lo', '7000'], { argv: ['CLUSTER', 'NODES'], view: 'handshakes' }),
  c('meet normalises addresses and reuses a handshake in progress', ['CLUSTER', 'MEET', '0:0::1', '7001'], ['CLUSTER', 'MEET', '::1', '7001'], ['CLUSTER', 'MEET', '::FFFF:1.2.3.4', '7002'], ['CLUSTER', 'MEET', '0:0:0:0:0:ffff:102:304', '7002'], ['CLUSTER', 'MEET', '1:0:0:1:0:0:0:1', '7003'], ['CLUSTER', 'MEET', '1:0:0:0:1:0:0:1', '7003'], ['CLUSTER', 'MEET', '::1:2:3:4:5:6:7', '7003'], ['CLUSTER', 'MEET', '1:2:3:4:5:6:1.2.3.4', '7003'], ['CLUSTER', 'MEET', '::ffff:0:1', '7003'], ['CLUSTER', 'MEET', '::', '7003'], ['CLUSTER', 'MEET', '0.0.0.0', '7003'], ['CLUSTER', 'MEET', '192.0.2.1', '7004', '17004'], ['CLUSTER', 'MEET', '192.0.2.1', '7004'], ['CLUSTER', 'MEET', '192.0.2.1', '7004', '17005'], ['CLUSTER', 'MEET', '192.0.2.1', '4294974300'], { argv: ['CLUSTER', 'NODES'], view: 'handshakes' }, { argv: ['CLUSTER', 'INFO'], view: 'known-nodes' }),
  c('addslots parses every slot before checking any', ['CLUSTER', 'ADDSLOTS', '5', '6'], ['CLUSTER', 'ADDSLOTS', '7', '5', 'x'], ['CLUSTER', 'ADDSLOTS', '7', '5', '16384'], ['CLUSTER', 'ADDSLOTS', '7', '5'], ['CLUSTER', 'ADDSLOTS', '8', '9', '8'], ['CLUSTER', 'ADDSLOTS', '-1'], ['CLUSTER', 'ADDSLOTS', '016'], nodesView),
  c('slot ranges are checked pair by pair', ['CLUSTER', 'ADDSLOTSRANGE', '30', '40'], ['CLUSTER', 'ADDSLOTSRANGE', '10', '5'], ['CLUSTER', 'ADDSLOTSRANGE', '10', '20', '15', '25'], ['CLUSTER', 'ADDSLOTSRANGE', '100', '110', '35', '36'], ['CLUSTER', 'ADDSLOTSRANGE', '100', '110', 'x', '6'], ['CLUSTER', 'ADDSLOTSRANGE', '35', '36', 'x', '6'], ['CLUSTER', 'DELSLOTS', '1', '30'], ['CLUSTER', 'DELSLOTS', '30', '30'], ['CLUSTER', 'DELSLOTSRANGE', '30', '35', '34', '36'], ['CLUSTER', 'DELSLOTSRANGE', '30', '32', '33', '35'], nodesView),
  c('flushslots needs an empty keyspace', ['CLUSTER', 'ADDSLOTSRANGE', '0', '100'], { populate: 'k' }, ['CLUSTER', 'FLUSHSLOTS'], ['FLUSHALL'], ['CLUSTER', 'FLUSHSLOTS'], nodesView),
  c('setslot errors and open slots', ['CLUSTER', 'SETSLOT', 'x', 'stable'], ['CLUSTER', 'SETSLOT', '16384', 'stable'], ['CLUSTER', 'ADDSLOTS', '5'], ['CLUSTER', 'SETSLOT', '100', 'migrating', '$ME'], ['CLUSTER', 'SETSLOT', '5', 'migrating', 'abc'], ['CLUSTER', 'SETSLOT', '5', 'migrating', '$UNKNOWN'], ['CLUSTER', 'SETSLOT', '5', 'MIGRATING', '$ME'], ['CLUSTER', 'SETSLOT', '5', 'importing', 'abc'], ['CLUSTER', 'SETSLOT', '100', 'importing', 'abc'], ['CLUSTER', 'SETSLOT', '100', 'Importing', '$ME'], nodesView, ['CLUSTER', 'SETSLOT', '100', 'node', 'abc'], ['CLUSTER', 'SETSLOT', '100', 'stable', 'x'], ['CLUSTER', 'SETSLOT', '100', 'node'], ['CLUSTER', 'SETSLOT', '100', 'foo'], ['CLUSTER', 'SETSLOT', '5', 'stable'], nodesView),
  c('setslot node to myself after importing bumps the epoch', ['CLUSTER', 'SETSLOT', '100', 'importing', '$ME'], ['CLUSTER', 'SETSLOT', '100', 'node', '$ME'], nodesView, epochsView, ['CLUSTER', 'SETSLOT', '101', 'importing', '$ME'], ['CLUSTER', 'SETSLOT', '101', 'node', '$ME'], epochsView, ['CLUSTER', 'SETSLOT', '102', 'node', '$ME'], epochsView, nodesView),
  c('setslot node keeps keys with their slot', { populate: 'k' }, ['CLUSTER', 'KEYSLOT', 'k:0'], ['CLUSTER', 'ADDSLOTSRANGE', '0', '16383'], ['CLUSTER', 'COUNTKEYSINSLOT', '14231'], ['CLUSTER', 'SETSLOT', '14231', 'migrating', '$ME'], ['CLUSTER', 'SETSLOT', '14231', 'node', '$ME'], nodesView, ['FLUSHALL'], ['CLUSTER', 'SETSLOT', '14231', 'node', '$ME'], nodesView),
  c('epochs by hand', ['CLUSTER', 'SET-CONFIG-EPOCH', 'x'], ['CLUSTER', 'SET-CONFIG-EPOCH', '-1'], ['CLUSTER', 'SET-CONFIG-EPOCH', '5'], epochsView, ['CLUSTER', 'SET-CONFIG-EPOCH', '6'], ['CLUSTER', 'BUMPEPOCH'], ['CLUSTER', 'MEET', '192.0.2.1', '7000'], ['CLUSTER', 'SET-CONFIG-EPOCH', '0']),
  c('bumpepoch from zero', ['CLUSTER', 'BUMPEPOCH'], ['CLUSTER', 'BUMPEPOCH'], epochsView),
  c('failover, replicate, forget on a lone master', ['CLUSTER', 'FAILOVER', 'x'], ['CLUSTER', 'FAILOVER'], ['CLUSTER', 'FAILOVER', 'FORCE'], ['CLUSTER', 'FAILOVER', 'takeover'], ['CLUSTER', 'REPLICATE', 'abc'], ['CLUSTER', 'REPLICATE', '$ME'], ['CLUSTER', 'REPLICATE', '$UNKNOWN'], ['CLUSTER', 'FORGET', 'abc'], ['CLUSTER', 'FORGET', '$ME'], ['CLUSTER', 'REPLICAS', 'abc'], ['CLUSTER', 'REPLICAS', '$ME'], ['CLUSTER', 'SLAVES', '$ME'], ['CLUSTER', 'COUNT-FAILURE-REPORTS', '$UNKNOWN'], ['CLUSTER', 'COUNT-FAILURE-REPORTS', '$ME']),
  c('reset', ['CLUSTER', 'RESET', 'x'], { populate: 'k' }, ['CLUSTER', 'RESET'], ['CLUSTER', 'RESET', 'hard'], ['FLUSHALL'], ['CLUSTER', 'ADDSLOTS', '1'], ['CLUSTER', 'SETSLOT', '2', 'importing', '$ME'], ['CLUSTER', 'BUMPEPOCH'], ['CLUSTER', 'RESET', 'SOFT'], nodesView, epochsView, ['CLUSTER', 'RESET', 'HARD'], epochsView),
  c('keys and slots', ['CLUSTER', 'KEYSLOT', 'foo'], ['CLUSTER', 'KEYSLOT', '{foo}x'], ['CLUSTER', 'KEYSLOT', ''], ['CLUSTER', 'COUNTKEYSINSLOT', 'x'], ['CLUSTER', 'COUNTKEYSINSLOT', '16384'], ['CLUSTER', 'COUNTKEYSINSLOT', '-1'], ['CLUSTER', 'COUNTKEYSINSLOT', '99999999999999999999'], ['CLUSTER', 'GETKEYSINSLOT', 'x', '1'], ['CLUSTER', 'GETKEYSINSLOT', '16384', 'x'], ['CLUSTER', 'GETKEYSINSLOT', '16384', '1'], ['CLUSTER', 'GETKEYSINSLOT', '1', '-1'], ['CLUSTER', 'GETKEYSINSLOT', '1', '0'], { populate: 'k' }, ['CLUSTER', 'COUNTKEYSINSLOT', '14231'], ['CLUSTER', 'GETKEYSINSLOT', '14231', '10'], ['CLUSTER', 'GETKEYSINSLOT', '14231', '0'], ['CLUSTER', 'SAVECONFIG'], ['CLUSTER', 'MYID', 'x']),
  c('config get', ['CONFIG', 'GET', 'cluster-node-timeout'], ['CONFIG', 'GET', 'CLUSTER-NODE-TIMEOUT'], ['CONFIG', 'GET', 'cluster-slave-validity-factor'], ['CONFIG', 'GET', 'cluster-*-validity*'], ['CONFIG', 'GET', 'CLUSTER-NODE-*'], ['CONFIG', 'GET', 'nosuch'], ['CONFIG', 'GET', 'cluster-node-timeout', 'CLUSTER-NODE-TIMEOUT'], ['CONFIG', 'GET', 'CLUSTER-NODE-TIMEOUT', 'cluster-node-timeou?'], ['CONFIG', 'GET', 'cluster-replica-validity-factor', 'cluster-slave-validity-factor'], ['CONFIG', 'GET', 'repl-ping-*'], ['CONFIG', 'GET'], ['CONFIG'], ['CONFIG', 'foo'], ['CONFIG', 'HELP', 'x']),
  c('config set errors', ['CONFIG', 'SET', 'cluster-node-timeout'], ['CONFIG', 'SET', 'cluster-node-timeout', '1', 'x'], ['CONFIG', 'SET', 'nosuch', '1'], ['CONFIG', 'SET', 'cluster-node-timeout', 'abc'], ['CONFIG', 'SET', 'CLUSTER-NODE-TIMEOUT', 'abc'], ['CONFIG', 'SET', 'cluster-slave-validity-factor', 'abc'], ['CONFIG', 'SET', 'cluster-node-timeout', '1', 'CLUSTER-NODE-TIMEOUT', '2'], ['CONFIG', 'SET', 'hz', '5', 'hz', '6'], ['CONFIG', 'SET', 'cluster-node-timeout', '-1'], ['CONFIG', 'SET', 'cluster-node-timeout', '05'], ['CONFIG', 'SET', 'cluster-node-timeout', '+5'], ['CONFIG', 'SET', 'repl-timeout', '0'], ['CONFIG', 'SET', 'repl-timeout', '2147483648'], ['CONFIG', 'SET', 'repl-backlog-size', '0'], ['CONFIG', 'SET', 'repl-backlog-size', '-1'], ['CONFIG', 'SET', 'cluster-link-sendbuf-limit', '1x'], ['CONFIG', 'SET', 'cluster-require-full-coverage', 'maybe'], ['CONFIG', 'SET', 'cluster-require-full-coverage', 'true'], ['CONFIG', 'SET', 'loglevel', 'Foo'], ['CONFIG', 'SET', 'cluster-preferred-endpoint-type', 'x'], ['CONFIG', 'SET', 'cluster-announce-hostname', 'a_b'], ['CONFIG', 'SET', 'cluster-announce-hostname', 'a'.repeat(256)], ['CONFIG', 'SET', 'cluster-node-timeout', '5000', 'nosuch', '1', 'hz', 'x'], ['CONFIG', 'SET', 'hz', 'x', 'nosuch', '1']),
  c('config set is all or nothing', ['CONFIG', 'SET', 'hz', '5', 'cluster-node-timeout', 'x'], ['CONFIG', 'GET', 'hz'], ['CONFIG', 'SET', 'hz', '5', 'cluster-node-timeout', '3000'], ['CONFIG', 'GET', 'hz'], ['CONFIG', 'GET', 'cluster-node-timeout'], ['CONFIG', 'SET', 'cluster-slave-validity-factor', '1', 'cluster-replica-validity-factor', '2'], ['CONFIG', 'GET', 'cluster-slave-validity-factor']),
  c('config set values', ['CONFIG', 'SET', 'hz', '0'], ['CONFIG', 'GET', 'hz'], ['CONFIG', 'SET', 'hz', '1000'], ['CONFIG', 'GET', 'hz'], ['CONFIG', 'SET', 'cluster-link-sendbuf-limit', '1kb'], ['CONFIG', 'GET', 'cluster-link-sendbuf-limit'], ['CONFIG', 'SET', 'cluster-link-sendbuf-limit', '1K'], ['CONFIG', 'GET', 'cluster-link-sendbuf-limit'], ['CONFIG', 'SET', 'cluster-link-sendbuf-limit', ''], ['CONFIG', 'GET', 'cluster-link-sendbuf-limit'], ['CONFIG', 'SET', 'cluster-require-full-coverage', 'YES'], ['CONFIG', 'SET', 'loglevel', 'VERBOSE'], ['CONFIG', 'GET', 'loglevel'], ['CONFIG', 'SET', 'cluster-preferred-endpoint-type', 'HOSTNAME'], ['CONFIG', 'GET', 'cluster-preferred-endpoint-type'], ['CONFIG', 'SET', 'cluster-announce-hostname', 'node.x-1'], ['CONFIG', 'GET', 'cluster-announce-hostname'], ['CONFIG', 'SET', 'cluster-announce-hostname', ''], ['CONFIG', 'GET', 'cluster-announce-hostname'], ['CONFIG', 'SET', 'repl-backlog-size', '2mb'], ['CONFIG', 'GET', 'repl-backlog-size']),
];

/** Replace the placeholders of a step's argv. */
export function substitute(argv: readonly string[], me: string): string[] {
  return argv.map((a) => (a === '$ME' ? me : a === '$UNKNOWN' ? UNKNOWN_ID : a));
}

/**
 * What a step's reply is compared on: the `view` of it as plain lines, or
 * the reply itself; the node's own ID reads `$ME`. CONFIG GET pairs come
 * in hash order from Redis, so they are compared sorted.
 */
export function applyView(step: Step, reply: Reply, me: string): Reply | string[] {
  const hideMe = (s: string): string => s.split(me).join('$ME');
  const view = step.view;
  if (!view) {
    const argv = step.argv ?? [];
    if (argv[0]?.toUpperCase() === 'CONFIG' && argv[1]?.toUpperCase() === 'GET') return sortedPairs(reply);
    return hideReply(reply, hideMe);
  }
  const text = reply.kind === 'bulk' ? (reply.value ?? '') : '';
  const lines = text.split(/\r?\n/).filter((l) => l !== '');
  switch (view) {
    case 'myself-line':
      // id, address and ping/pong times depend on the run.
      return lines
        .filter((l) => l.split(' ')[2]!.includes('myself'))
        .map((l) => {
          const f = l.split(' ');
          return hideMe([f[2], f[3], f[6], f[7], ...f.slice(8)].join(' '));
        });
    case 'handshakes':
      return lines
        .filter((l) => l.split(' ')[2] === 'handshake')
        .map((l) => l.split(' ')[1]!)
        .sort();
    case 'epochs':
      return lines.filter((l) => /^cluster_(current|my)_epoch:/.test(l));
    case 'known-nodes':
      return lines.filter((l) => l.startsWith('cluster_known_nodes:'));
  }
}

function sortedPairs(r: Reply): Reply | string[] {
  if (r.kind !== 'array' || !r.items) return r;
  const pairs: string[] = [];
  for (let i = 0; i + 1 < r.items.length; i += 2) {
    const k = r.items[i]!;
    const v = r.items[i + 1]!;
    pairs.push(`${k.kind === 'bulk' ? k.value : '?'}=${v.kind === 'bulk' ? v.value : '?'}`);
  }
  return pairs.sort();
}

function hideReply(r: Reply, hide: (s: string) => string): Reply {
  switch (r.kind) {
    case 'status':
    case 'error':
      return { kind: r.kind, text: hide(r.text) };
    case 'bulk':
      return { kind: 'bulk', value: r.value === null ? null : hide(r.value) };
    case 'array':
      return { kind: 'array', items: r.items === null ? null : r.items.map((i) => hideReply(i, hide)) };
    default:
      return r;
  }
}
