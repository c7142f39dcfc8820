// `sim nodes` / `sim info`: one node's CLUSTER NODES or CLUSTER INFO at a
// simulated instant, exactly as it would print them then.

import { clusterInfoString } from '../cluster/info.ts';
import { clusterGenNodesDescription } from '../cluster/nodes-format.ts';
import type { Scenario } from '../scenario/types.ts';
import { runScenario } from './runner.ts';

export function viewAt(scenario: Scenario, seed: number, atMs: number, node: string, what: 'nodes' | 'info'): string {
  const r = runScenario(scenario, { seed, stopAtMs: atMs, logLevel: 'nothing', timeline: false });
  const p = r.world.process(node);
  const cs = p.server?.cs;
  if (!cs) return `(${node} is not running at ${atMs / 1000}s)`;
  return what === 'nodes' ? clusterGenNodesDescription(cs) : clusterInfoString(cs);
}
