// CLUSTER SET-CONFIG-EPOCH <epoch> and CLUSTER BUMPEPOCH: setting this
// node's configEpoch by hand. SET-CONFIG-EPOCH is for fresh nodes only
// (redis-cli --cluster create gives each node a distinct epoch before the
// MEETs, so no collision resolution is needed); BUMPEPOCH takes a new epoch
// without consensus unless mine is already the highest I know of.

import { NONE } from '../../events/types.ts';
import { string2ll } from '../../core/command-args.ts';
import { OK, status } from '../../core/reply.ts';
import { CLUSTER_TODO_SAVE_CONFIG, CLUSTER_TODO_UPDATE_STATE } from '../constants.ts';
import { clusterBumpConfigEpochWithoutConsensus } from '../config-epoch.ts';
import { errorf, NOT_AN_INTEGER, type SubcommandProc } from './context.ts';

export const setConfigEpochCommand: SubcommandProc = (ctx, argv) => {
  const cs = ctx.cs;
  const v = string2ll(argv[2]!);
  if (v === null) return NOT_AN_INTEGER;
  if (v < 0n) return errorf(`Invalid config epoch specified: ${v}`);
  if (cs.nodes.size > 1) return errorf('The user can assign a config epoch only when the node does not know any other node.');
  if (cs.myself.configEpoch !== 0) return errorf('Node config epoch is already non-zero');

  const epoch = Number(v);
  cs.myself.configEpoch = epoch;
  cs.env.log('warning', `configEpoch set to ${v} via CLUSTER SET-CONFIG-EPOCH`);
  cs.env.emit({ type: 'config-epoch', subject: cs.env.nodeIx(cs.myself.name), epoch, reason: 'set-config-epoch', with: NONE, slot: -1 });
  if (cs.currentEpoch < epoch) cs.currentEpoch = epoch;
  // No fsync: should the save be lost, collision handling gives the node a distinct epoch anyway.
  cs.doBeforeSleep(CLUSTER_TODO_UPDATE_STATE | CLUSTER_TODO_SAVE_CONFIG);
  return OK;
};

/** BUMPEPOCH: `+BUMPED <epoch>` or `+STILL <epoch>`, my own configEpoch (even on a replica). */
export const bumpEpochCommand: SubcommandProc = (ctx) => {
  const cs = ctx.cs;
  const bumped = clusterBumpConfigEpochWithoutConsensus(cs, 'bumpepoch');
  return status(`${bumped ? 'BUMPED' : 'STILL'} ${cs.myself.configEpoch}`);
};
