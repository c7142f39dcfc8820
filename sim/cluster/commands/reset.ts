// CLUSTER RESET [HARD|SOFT] (clusterReset): turn this node back into a lone
// empty master. SOFT keeps its ID and epochs; HARD also zeroes the epochs
// and draws a new node ID, so peers that still know the old ID see a
// stranger. Used by redis-cli --cluster and by tests to recycle nodes.

import { OK } from '../../core/reply.ts';
import {
  CLUSTER_SLOTS,
  CLUSTER_TODO_FSYNC_CONFIG,
  CLUSTER_TODO_SAVE_CONFIG,
  CLUSTER_TODO_UPDATE_STATE,
} from '../constants.ts';
import { resetManualFailover } from '../manual-failover.ts';
import { nodeIsMaster, nodeIsSlave } from '../node.ts';
import { clusterDelNode, clusterDelSlot, clusterRenameNode, clusterSetNodeAsMaster } from '../node-table.ts';
import { clusterCloseAllSlots } from '../roles.ts';
import { rangesText } from '../slot-ranges.ts';
import type { ClusterState } from '../state.ts';
import { errorf, SYNTAX_ERROR, type SubcommandProc } from './context.ts';

/** clusterReset. */
export function clusterReset(cs: ClusterState, hard: boolean): void {
  const myself = cs.myself;

  // A replica becomes a master and drops its copy of the old master's data.
  if (nodeIsSlave(myself)) {
    const oldmaster = myself.slaveof;
    clusterSetNodeAsMaster(cs, myself);
    cs.server.replicationUnsetMaster();
    cs.server.emptyData();
    cs.env.emit('role', myself.name, `role=master was-replica-of=${oldmaster ? oldmaster.name : '-'} reason=reset`);
  }

  clusterCloseAllSlots(cs);
  resetManualFailover(cs);

  const unbound: number[] = [];
  for (let j = 0; j < CLUSTER_SLOTS; j++) if (clusterDelSlot(cs, j)) unbound.push(j);
  if (unbound.length > 0) cs.env.emit('slot-owner', '', `slots=${rangesText(unbound)} owner=none reason=reset`);

  for (const n of [...cs.nodeList]) if (n !== myself) clusterDelNode(cs, n);

  if (hard) {
    cs.currentEpoch = 0;
    cs.lastVoteEpoch = 0;
    myself.configEpoch = 0;
    cs.env.log('warning', 'configEpoch set to 0 via CLUSTER RESET HARD');
    cs.env.emit('config-epoch', myself.name, 'epoch=0 reason=reset-hard');
    // getRandomHexChars: a fresh identity from this node's random stream.
    const oldName = myself.name;
    clusterRenameNode(cs, myself, cs.env.rng.hexId(40));
    cs.env.log('notice', `Node hard reset, now I'm ${myself.name}`);
    cs.env.emit('node-id', oldName, `old=${oldName} new=${myself.name}`);
  }

  cs.doBeforeSleep(CLUSTER_TODO_SAVE_CONFIG | CLUSTER_TODO_UPDATE_STATE | CLUSTER_TODO_FSYNC_CONFIG);
}

/** CLUSTER RESET; the caller has checked argc is 2 or 3. */
export const resetCommand: SubcommandProc = (ctx, argv) => {
  const cs = ctx.cs;
  let hard = false;
  if (argv.length === 3) {
    const opt = argv[2]!.toLowerCase();
    if (opt === 'hard') hard = true;
    else if (opt !== 'soft') return SYNTAX_ERROR;
  }
  // A replica's keys are a copy and may go; a master's would be lost.
  if (nodeIsMaster(cs.myself) && cs.server.dbSize() !== 0) {
    return errorf("CLUSTER RESET can't be called with master nodes containing keys");
  }
  clusterReset(cs, hard);
  return OK;
};
