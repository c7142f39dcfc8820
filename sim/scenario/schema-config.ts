// `cluster.config` and `cluster.nodes` (per-node overrides): redis.conf
// parameter names and values, checked against the parameter table (sim/config/).

import { printable } from '../core/printable.ts';
import { lookupConfig } from '../config/index.ts';
import { findConfigParam, parseConfigValue, SCENARIO_CONFIG_NAMES, type NodeConfig } from './config-values.ts';
import { suggest } from './suggest.ts';
import { readMap, scalarValue, wrongType, type ReadContext, type YNode } from './yaml-read.ts';

type MutableConfig = { -readonly [K in keyof NodeConfig]?: NodeConfig[K] };

/** A map of redis.conf parameters; only the parameters written are returned. */
export function readConfigMap(ctx: ReadContext, node: YNode, what: string): Partial<NodeConfig> | undefined {
  const fields = readMap(ctx, node, what);
  if (!fields) return undefined;
  const out: MutableConfig = {};
  const seenBy = new Map<string, string>();
  for (const f of fields) {
    const param = findConfigParam(f.key);
    if (!param) {
      if (lookupConfig(f.key)) {
        // A real parameter the node never reads: setting it would change nothing but CONFIG GET.
        ctx.error(f.keyNode, 'unknown-key', `redis.conf parameter "${printable(f.key)}" is not modelled by the simulator (CONFIG GET only reports it), so ${what} cannot set it`);
      } else {
        ctx.error(f.keyNode, 'unknown-key', `unknown redis.conf parameter "${printable(f.key)}" in ${what}`, suggest(f.key, SCENARIO_CONFIG_NAMES));
      }
      continue;
    }
    // `cluster-slave-no-failover` and `cluster-replica-no-failover` set one thing: writing both is a conflict.
    const earlier = seenBy.get(param.name);
    if (earlier !== undefined) {
      ctx.error(f.keyNode, 'conflicting-keys', `${what}: "${printable(f.key)}" sets the same parameter as "${printable(earlier)}"`);
      continue;
    }
    seenBy.set(param.name, f.key);
    const raw = scalarValue(f.value);
    if (raw === undefined || raw === null) {
      wrongType(ctx, f.at, f.key, 'a single value');
      continue;
    }
    const parsed = parseConfigValue(param, raw);
    if (!parsed.ok) {
      ctx.error(f.at, 'bad-value', parsed.reason, parsed.suggestion);
      continue;
    }
    (out as Record<string, unknown>)[param.field] = parsed.value;
  }
  return out;
}

/**
 * `nodes: { A1: { cluster-replica-no-failover: "yes" } }`: overrides by node
 * name, in file order. `knownNodes` null accepts any name (the cluster shape was broken).
 */
export function readNodeOverrides(
  ctx: ReadContext,
  node: YNode,
  knownNodes: readonly string[] | null,
): { node: string; config: Partial<NodeConfig> }[] | undefined {
  const fields = readMap(ctx, node, 'cluster.nodes');
  if (!fields) return undefined;
  const out: { node: string; config: Partial<NodeConfig> }[] = [];
  for (const f of fields) {
    if (knownNodes !== null && !knownNodes.includes(f.key)) {
      ctx.error(f.keyNode, 'unknown-node', `cluster.nodes: unknown node "${printable(f.key)}"`, suggest(f.key, knownNodes));
      continue;
    }
    const config = readConfigMap(ctx, f.value, `cluster.nodes.${f.key}`);
    if (config) out.push({ node: f.key, config });
  }
  return out;
}
