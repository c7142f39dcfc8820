// The runner's side of ActionHooks: what timeline actions reach beyond the
// world itself (admin commands, workloads, the redis-cli tool, checkers).

import { error as errorReply } from '../core/reply.ts';
import { evaluateAll, type ConditionContext } from '../check/conditions.ts';
import type { ExpectationTracker } from '../check/expectations.ts';
import type { ActionHooks } from './actions.ts';
import type { RunData } from './run-data.ts';
import { redisCliHook } from '../tools/redis-cli/hook.ts';
import { substituteRedis, substituteRedisCli, type AddressBook } from './substitute.ts';
import type { World } from './world.ts';

export function makeHooks(world: World, data: RunData, tracker: ExpectationTracker, context: () => ConditionContext): ActionHooks {
  const book: AddressBook = (name) => {
    const p = world.processes.find((q) => q.name === name);
    return p ? { id: p.nodeId, previousId: p.previousId ?? p.nodeId, ip: p.ip, port: p.port } : undefined;
  };
  return {
    command: (p, argv, asking, onReply, client) => {
      if (!p.server || !world.isUp(p)) return onReply(errorReply(`ERR ${p.name} is not running`));
      let answered = false;
      const reply = p.server.command(argv, {
        asking,
        ...(client !== undefined ? { client } : {}),
        onReply: (r) => {
          if (answered) return;
          answered = true;
          onReply(r);
        },
      });
      if (reply !== undefined && !answered) {
        answered = true;
        onReply(reply);
      }
    },
    redisCli: redisCliHook(world),
    workload: (op, name) => (op === 'start' ? data.workloads.start(name) : data.workloads.stop(name)),
    replication: (op, p) => (op === 'cut' ? world.cutReplication(p) : world.restoreReplication(p)),
    shutdown: (p) => world.shutdown(p),
    wait: (action, done) => tracker.waitFor(action.until, action.withinMs, (v) => done(v.ok, v.why)),
    check: (action) => evaluateAll(action.condition, context()),
    substitute: (args, kind) => (kind === 'redis' ? substituteRedis(args, book) : substituteRedisCli(args, book)),
  };
}
