// getNodeByQuery / clusterRedirectClient (cluster.c, spec §15.2): which node
// serves a keyed command, or which redirection or error the client gets.
// Commands without keys never come here (processCommand skips them).

import { error, type Reply } from '../core/reply.ts';
import {
  CLUSTER_OK,
  CLUSTER_REDIR_ASK,
  CLUSTER_REDIR_CROSS_SLOT,
  CLUSTER_REDIR_DOWN_RO_STATE,
  CLUSTER_REDIR_DOWN_STATE,
  CLUSTER_REDIR_DOWN_UNBOUND,
  CLUSTER_REDIR_MOVED,
  CLUSTER_REDIR_NONE,
  CLUSTER_REDIR_UNSTABLE,
} from '../cluster/constants.ts';
import { getPreferredEndpoint } from '../cluster/info.ts';
import { keyHashSlot } from '../core/keyslot.ts';
import { nodeIsSlave, type ClusterNode } from '../cluster/node.ts';
import type { ClusterState } from '../cluster/state.ts';
import type { Keyspace } from '../data/keyspace.ts';

/** What getNodeByQuery needs to know about the command and the client. */
export interface RoutedCommand {
  keys: readonly string[];
  /** CMD_WRITE. */
  write: boolean;
  /** CMD_ASKING (RESTORE-ASKING). */
  askingFlag: boolean;
  /** The command is MIGRATE (served locally while its slot is open). */
  isMigrate: boolean;
  /** CLIENT_ASKING: the client sent ASKING just before. */
  clientAsking: boolean;
  /** CLIENT_READONLY. */
  clientReadonly: boolean;
}

export interface RouteResult {
  /** The node that serves the command, or null on an error. */
  node: ClusterNode | null;
  code: number;
  slot: number;
}

export function getNodeByQuery(cs: ClusterState, ks: Keyspace, nowMs: number, cmd: RoutedCommand): RouteResult {
  const myself = cs.myself;
  let n: ClusterNode | null = null;
  let firstKey: string | null = null;
  let slot = 0;
  let multipleKeys = false;
  let migratingSlot = false;
  let importingSlot = false;
  let missingKeys = 0;
  let existingKeys = 0;

  for (const key of cmd.keys) {
    const thisSlot = keyHashSlot(key);
    if (firstKey === null) {
      firstKey = key;
      slot = thisSlot;
      n = cs.slots.owner(slot) ?? null;
      if (n === null) return { node: null, code: CLUSTER_REDIR_DOWN_UNBOUND, slot };
      if (n === myself && cs.migratingSlotsTo.has(slot)) migratingSlot = true;
      else if (cs.importingSlotsFrom.has(slot)) importingSlot = true;
    } else if (key !== firstKey) {
      if (thisSlot !== slot) return { node: null, code: CLUSTER_REDIR_CROSS_SLOT, slot };
      multipleKeys = true;
    }
    // Looked up without expiring anything: a logically expired key counts as missing.
    if (migratingSlot || importingSlot) {
      if (ks.peek(key) === undefined || ks.isExpired(key, nowMs)) missingKeys++;
      else existingKeys++;
    }
  }

  if (n === null) return { node: myself, code: CLUSTER_REDIR_NONE, slot };

  if (cs.state !== CLUSTER_OK) {
    if (!cs.config.clusterAllowReadsWhenDown) return { node: null, code: CLUSTER_REDIR_DOWN_STATE, slot };
    if (cmd.write) return { node: null, code: CLUSTER_REDIR_DOWN_RO_STATE, slot };
  }

  if ((migratingSlot || importingSlot) && cmd.isMigrate) return { node: myself, code: CLUSTER_REDIR_NONE, slot };

  if (migratingSlot && missingKeys > 0) {
    if (existingKeys > 0) return { node: null, code: CLUSTER_REDIR_UNSTABLE, slot };
    return { node: cs.migratingSlotsTo.get(slot)!, code: CLUSTER_REDIR_ASK, slot };
  }

  if (importingSlot && (cmd.clientAsking || cmd.askingFlag)) {
    if (multipleKeys && missingKeys > 0) return { node: null, code: CLUSTER_REDIR_UNSTABLE, slot };
    return { node: myself, code: CLUSTER_REDIR_NONE, slot };
  }

  if (cmd.clientReadonly && !cmd.write && nodeIsSlave(myself) && myself.slaveof === n) {
    return { node: myself, code: CLUSTER_REDIR_NONE, slot };
  }

  return { node: n, code: n !== myself ? CLUSTER_REDIR_MOVED : CLUSTER_REDIR_NONE, slot };
}

const CROSSSLOT = error("CROSSSLOT Keys in request don't hash to the same slot");
const TRYAGAIN = error('TRYAGAIN Multiple keys request during rehashing of slot');
const CLUSTERDOWN = error('CLUSTERDOWN The cluster is down');
const CLUSTERDOWN_RO = error('CLUSTERDOWN The cluster is down and only accepts read commands');
const CLUSTERDOWN_UNBOUND = error('CLUSTERDOWN Hash slot not served');

/** clusterRedirectClient(): the error reply for a route that is not myself. */
export function clusterRedirectReply(cs: ClusterState, r: RouteResult): Reply {
  switch (r.code) {
    case CLUSTER_REDIR_CROSS_SLOT:
      return CROSSSLOT;
    case CLUSTER_REDIR_UNSTABLE:
      return TRYAGAIN;
    case CLUSTER_REDIR_DOWN_STATE:
      return CLUSTERDOWN;
    case CLUSTER_REDIR_DOWN_RO_STATE:
      return CLUSTERDOWN_RO;
    case CLUSTER_REDIR_DOWN_UNBOUND:
      return CLUSTERDOWN_UNBOUND;
    case CLUSTER_REDIR_MOVED:
    case CLUSTER_REDIR_ASK: {
      const n = r.node!;
      const kind = r.code === CLUSTER_REDIR_ASK ? 'ASK' : 'MOVED';
      return error(`${kind} ${r.slot} ${getPreferredEndpoint(cs, n)}:${n.port}`);
    }
    default:
      throw new Error(`getNodeByQuery() unknown error ${r.code}`);
  }
}
