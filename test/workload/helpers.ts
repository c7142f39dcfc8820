// One cluster client with one lane against a FakeCluster, and a way to run
// single operations through it.
import { ClusterClient, type ClientOptions } from '../../sim/workload/cluster-client.ts';
import { History, type Op, type OpF } from '../../sim/workload/history.ts';
import { Lane } from '../../sim/workload/lane.ts';
import { FakeCluster, type FakeClusterOptions } from './fake-cluster.ts';

export function clientSetup(opts: Partial<ClientOptions> & FakeClusterOptions & { beforeLoad?: (fc: FakeCluster) => void } = {}) {
  const fc = new FakeCluster(opts);
  opts.beforeLoad?.(fc);
  const history = new History();
  const pid = fc.host.addClientProcess('c-0');
  const client = new ClusterClient(fc.host, 'c-0', pid, fc.seeds, {
    timeoutMs: opts.timeoutMs ?? 1000,
    followRedirects: opts.followRedirects ?? true,
  });
  const lane = new Lane(client, history, history.addProcess('c-0'), { onLaneFree: () => {} });
  client.refresh();
  fc.sched.runUntil(10);
  /** Run one op to completion (or until `maxMs` more simulated ms) and return it. */
  const run = (f: OpF, key: string, value: string | null = null, maxMs = 5000): Op => {
    const before = history.size;
    lane.start(f, key, value);
    fc.sched.runUntil(fc.sched.now + maxMs);
    return history.op(before);
  };
  return { fc, history, client, lane, run, pid };
}
