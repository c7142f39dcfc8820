// A cluster as `redis-cli --cluster create` leaves it, written as the
// nodes.conf every node would hold once it converged: all nodes known,
// slots assigned, replicas attached, configEpochs 1..N in index order (redis-cli
// sets them with SET-CONFIG-EPOCH before joining), currentEpoch N everywhere.

import type { RedisServer } from '../server/server.ts';
import type { SimProcess } from './process.ts';

export interface FormedNode {
  proc: SimProcess;
  /** Master's process for a replica; undefined for masters and spares. */
  master?: SimProcess;
  slots: readonly (readonly [number, number])[];
}

function slotText(ranges: readonly (readonly [number, number])[]): string {
  return ranges.map(([a, b]) => (a === b ? ` ${a}` : ` ${a}-${b}`)).join('');
}

/** nodes.conf text of `self` in a formed cluster of `nodes`. */
export function formedNodesConf(nodes: readonly FormedNode[], self: FormedNode): string {
  const epochOf = new Map(nodes.map((n, i) => [n.proc, i + 1]));
  const lines = nodes.map((n) => {
    const p = n.proc;
    const role = n.master ? 'slave' : 'master';
    const flags = n === self ? `myself,${role}` : role;
    // A replica's line carries its master's configEpoch (what its headers announce).
    const epoch = epochOf.get(n.master ?? p)!;
    const masterId = n.master ? n.master.nodeId : '-';
    return `${p.nodeId} ${p.ip}:${p.port}@${p.cport} ${flags} ${masterId} 0 0 ${epoch} connected${slotText(n.slots)}`;
  });
  return `${lines.join('\n')}\nvars currentEpoch ${nodes.length} lastVoteEpoch 0\n`;
}

/**
 * After loading, restore what a reload forgets but a created cluster has:
 * a replica's own configEpoch (SET-CONFIG-EPOCH gave every node one).
 */
export function restoreOwnEpoch(server: RedisServer, nodes: readonly FormedNode[], self: FormedNode): void {
  server.cs.myself.configEpoch = nodes.indexOf(self) + 1;
}
