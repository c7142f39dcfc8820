// CLUSTER FAILOVER [FORCE|TAKEOVER] (spec §13), sent to a replica:
// - default: ask the master (MFSTART) to pause writes and report its offset;
//   the election starts once this replica has caught up with it;
// - FORCE: skip the master, start the election at once (still needs votes);
// - TAKEOVER: no election at all: a new epoch without consensus, then take
//   the master's slots and tell everybody.
// Every form arms a manual failover that expires CLUSTER_MF_TIMEOUT later.

import { OK } from '../../core/reply.ts';
import { CLUSTER_MF_TIMEOUT } from '../constants.ts';
import { clusterBumpConfigEpochWithoutConsensus } from '../config-epoch.ts';
import { clusterFailoverReplaceYourMaster } from '../failover.ts';
import { resetManualFailover } from '../manual-failover.ts';
import { nodeFailed, nodeIsMaster } from '../node.ts';
import { clusterSendMFStart } from '../send.ts';
import { errorf, SYNTAX_ERROR, type SubcommandProc } from './context.ts';

/** CLUSTER FAILOVER; the caller has checked argc is 2 or 3. */
export const failoverCommand: SubcommandProc = (ctx, argv) => {
  const cs = ctx.cs;
  let force = false;
  let takeover = false;
  if (argv.length === 3) {
    const opt = argv[2]!.toLowerCase();
    if (opt === 'force') force = true;
    else if (opt === 'takeover') takeover = force = true; // a takeover needs no master either
    else return SYNTAX_ERROR;
  }

  const myself = cs.myself;
  const master = myself.slaveof;
  if (nodeIsMaster(myself)) return errorf('You should send CLUSTER FAILOVER to a replica');
  if (master === null) return errorf("I'm a replica but my master is unknown to me");
  // The default mode needs the master to answer MFSTART, so it must be reachable.
  if (!force && (nodeFailed(master) || master.link === null)) {
    return errorf('Master is down or failed, please use CLUSTER FAILOVER FORCE');
  }

  resetManualFailover(cs);
  cs.mfEnd = cs.env.mstime() + CLUSTER_MF_TIMEOUT;
  const mode = takeover ? 'takeover' : force ? 'force' : 'default';
  cs.env.emit({ type: 'manual-failover', subject: cs.env.nodeIx(myself.name), step: 'accepted', mode, master: cs.env.nodeIx(master.name), endMs: cs.mfEnd, offset: -1 });

  if (takeover) {
    cs.env.log('warning', 'Taking over the master (user request).');
    // No check of the result: if my epoch is already the highest it stays.
    clusterBumpConfigEpochWithoutConsensus(cs, 'takeover');
    clusterFailoverReplaceYourMaster(cs);
  } else if (force) {
    cs.env.log('warning', 'Forced failover user request accepted.');
    // No offset agreement with the master: the next failover check may start the election.
    cs.mfCanStart = true;
  } else {
    cs.env.log('warning', 'Manual failover user request accepted.');
    clusterSendMFStart(cs, master);
  }
  return OK;
};
