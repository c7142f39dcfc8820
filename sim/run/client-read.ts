// Reading a key back the way a cluster client does, for the data accounting
// (lost writes, `keys: { readable: all }`, list histories): ask the slot's
// owner, and follow MOVED and ASK as the node's own routing (getNodeByQuery)
// answers them. During an open migration a key already moved to the
// importing node is served there through ASK, so it is not missing.

import { CLUSTER_REDIR_ASK, CLUSTER_REDIR_MOVED, CLUSTER_REDIR_NONE } from '../cluster/constants.ts';
import { getNodeByQuery } from '../server/routing.ts';
import type { SimProcess } from './process.ts';
import type { World } from './world.ts';

/** What a read of one key returns: a string, a list, or nothing. */
export type ReadValue = string | readonly string[] | undefined;

/** Redirections a client follows before it gives up (redis-cli and most clients use 5 or more). */
const MAX_HOPS = 5;

function localValue(p: SimProcess, key: string): ReadValue {
  const server = p.server!;
  if (server.keyspace.isExpired(key, server.env.mstime())) return undefined;
  const v = server.keyspace.peek(key)?.value;
  return typeof v === 'string' || Array.isArray(v) ? v : undefined; // workloads write strings and lists only
}

/**
 * The value a client gets for `key`, starting at `first` (the slot's owner).
 * An error reply (CLUSTERDOWN, TRYAGAIN, a node that is down) is not data:
 * the node reached last is read directly, since the accounting asks what the
 * cluster holds, not whether it would serve it now.
 */
export function readAsClient(world: World, first: SimProcess | undefined, key: string): ReadValue {
  let p = first;
  let asking = false;
  for (let hop = 0; p?.server && world.isUp(p); hop++) {
    const server = p.server;
    const r = getNodeByQuery(server.cs, server.keyspace, server.env.mstime(), {
      keys: [key],
      write: false,
      askingFlag: false,
      isMigrate: false,
      clientAsking: asking,
      clientReadonly: false,
    });
    if (r.code === CLUSTER_REDIR_NONE) return localValue(p, key);
    if (r.code !== CLUSTER_REDIR_MOVED && r.code !== CLUSTER_REDIR_ASK) return localValue(p, key);
    // Still redirected after MAX_HOPS (nodes pointing at each other): the client gives up empty-handed.
    if (hop === MAX_HOPS) return undefined;
    const next = world.processes.find((q) => q.nodeId === r.node!.name);
    if (!next?.server || !world.isUp(next)) return localValue(p, key);
    asking = r.code === CLUSTER_REDIR_ASK;
    p = next;
  }
  return undefined;
}

