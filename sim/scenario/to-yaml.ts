// A typed Scenario back to a readable scenario file. The fuzzer builds
// scenarios as data and must hand the user a file that `sim run` loads to the
// same Scenario (same timeline, same conditions, same defaults), so that the
// replay is the run that failed. Positions and the file name are the only
// things that do not survive (they describe where text was, not what it says).
//
// Only what differs from the loader's defaults is written for the cluster
// config and network; everything the timeline and expectations say is
// written explicitly, in the short forms a person would use.

import { Document, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { evenSlotSplit } from './slots.ts';
import { MODELLED_PARAMS } from '../config/index.ts';
import { DEFAULT_NODE_CONFIG, type NodeConfig } from './config-values.ts';
import { DEFAULT_LATENCY } from './schema-network.ts';
import { expectToPlain, timelineToPlain } from './to-yaml-timeline.ts';
import { Flow, fmtDuration, fmtLatency, fmtSlots, type Plain } from './to-yaml-values.ts';
import type { ClusterSpec, NetworkSpec, Scenario, WorkloadSpec } from './types.ts';
import { masterName } from './names.ts';
import { PROPERTY_NAMES } from './vocabulary.ts';

export { NotWritableError } from './to-yaml-conditions.ts';

export interface ToYamlOptions {
  /** Comment lines put above the document (without `# `). */
  readonly header?: readonly string[];
}

/** The scenario as YAML text that `loadScenario` reads back to an equal Scenario. */
export function scenarioToYaml(s: Scenario, opts: ToYamlOptions = {}): string {
  const top: Record<string, Plain> = { name: s.name };
  if (s.description !== '') top.description = s.description;
  if (s.seed !== undefined) top.seed = s.seed;
  top.duration = fmtDuration(s.durationMs);
  top.cluster = clusterToPlain(s.cluster);
  const network = networkToPlain(s.network);
  if (network) top.network = network;
  if (s.workloads.length > 0) top.workload = s.workloads.map((w) => workloadToPlain(w, s.durationMs));
  if (s.timeline.length > 0) top.timeline = timelineToPlain(s.timeline);
  if (s.expect.length > 0) top.expect = expectToPlain(s.expect);
  const properties = s.invariants.enabled.filter((n) => (PROPERTY_NAMES as readonly string[]).includes(n));
  const flaws = s.invariants.knownFlaws ?? [];
  if (s.invariants.disabled.length > 0 || properties.length > 0 || flaws.length > 0) {
    top.invariants = {
      ...(s.invariants.disabled.length > 0 ? { disable: new Flow([...s.invariants.disabled]) } : {}),
      ...(flaws.length > 0 ? { 'known-flaws': new Flow([...flaws]) } : {}),
      ...Object.fromEntries(properties.map((p) => [p, true])),
    };
  }
  const doc = new Document();
  doc.contents = toNode(doc, top, false) as YAMLMap;
  const head = (opts.header ?? []).map((l) => (l === '' ? '#' : `# ${l}`)).join('\n');
  const body = doc.toString({ lineWidth: 0, flowCollectionPadding: true });
  return head === '' ? body : `${head}\n${body}`;
}

/** Build YAML nodes ourselves so that Flow marks (at any depth) decide the style. */
function toNode(doc: Document, v: Plain, flow: boolean): unknown {
  if (v instanceof Flow) return toNode(doc, v.value, true);
  if (Array.isArray(v)) {
    const seq = new YAMLSeq();
    seq.flow = flow;
    for (const x of v) seq.items.push(toNode(doc, x, flow));
    return seq;
  }
  if (v !== null && typeof v === 'object') {
    const map = new YAMLMap();
    map.flow = flow;
    for (const [k, x] of Object.entries(v)) map.items.push(new Pair(new Scalar(k), toNode(doc, x, flow)));
    return map;
  }
  return doc.createNode(v);
}

/** redis.conf values as a person writes them: yes/no, plain numbers, words. */
function configToPlain(c: Partial<NodeConfig>, onlyChanged: boolean): Record<string, Plain> {
  const out: Record<string, Plain> = {};
  for (const p of MODELLED_PARAMS) {
    const v = c[p.field];
    if (v === undefined || (onlyChanged && v === DEFAULT_NODE_CONFIG[p.field])) continue;
    out[p.name] = typeof v === 'boolean' ? (v ? 'yes' : 'no') : v;
  }
  return out;
}

function clusterToPlain(c: ClusterSpec): Record<string, Plain> {
  const out: Record<string, Plain> = { masters: c.masters };
  const reps = c.replicasPerMaster;
  if (reps.length > 0) {
    out.replicas = reps.every((r) => r === reps[0]) ? reps[0] : new Flow(Object.fromEntries(reps.map((r, i) => [masterName(i), r])));
  }
  if (c.spares > 0) out.spares = c.spares;
  if (c.bootstrap === 'formed' && JSON.stringify(c.slotsPerMaster) !== JSON.stringify(evenSlotSplit(c.masters))) {
    // Masters with no slots are left out: an unlisted master starts empty.
    out.slots = new Flow(Object.fromEntries(c.slotsPerMaster.flatMap((r, i) => (r.length > 0 ? [[masterName(i), fmtSlots(r)]] : []))));
  }
  if (c.bootstrap === 'manual') out.bootstrap = 'manual';
  const config = configToPlain(c.config, true);
  if (Object.keys(config).length > 0) out.config = config;
  // Overrides keep exactly the parameters written, even ones equal to the default: they still override cluster.config.
  if (c.overrides.length > 0) out.nodes = Object.fromEntries(c.overrides.map((o) => [o.node, new Flow(configToPlain(o.config, false))]));
  if (c.add.length > 0) out.add = new Flow(c.add.map((a) => a.name));
  return out;
}

function networkToPlain(n: NetworkSpec): Record<string, Plain> | undefined {
  const out: Record<string, Plain> = {};
  if (JSON.stringify(n.latency) !== JSON.stringify(DEFAULT_LATENCY)) out.latency = fmtLatency(n.latency);
  if (n.lossProbability !== 0) out.loss = n.lossProbability;
  return Object.keys(out).length > 0 ? out : undefined;
}

function workloadToPlain(w: WorkloadSpec, durationMs: number): Record<string, Plain> {
  return {
    name: w.name,
    clients: w.clients,
    // `200/s` reads best; a rate whose shortest form has an exponent stays a plain number (per second).
    rate: /e/.test(String(w.ratePerSec)) ? w.ratePerSec : `${w.ratePerSec}/s`,
    keys: w.keys.pattern === 'key:%d' ? w.keys.count : new Flow({ count: w.keys.count, pattern: w.keys.pattern }),
    mix: new Flow(Object.fromEntries(w.mix.map((m) => [m.op, m.weight]))),
    timeout: fmtDuration(w.timeoutMs),
    'in-flight': w.inFlight,
    'follow-redirects': w.followRedirects,
    // null: the timeline's `workload: { start }` starts it, which an absent `from:` says.
    ...(w.fromMs !== null ? { from: fmtDuration(w.fromMs) } : {}),
    ...(w.toMs !== durationMs ? { to: fmtDuration(w.toMs) } : {}),
  };
}
