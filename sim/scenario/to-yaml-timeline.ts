// Timeline entries and expectations back to YAML: one map per entry with its
// timing (`at:` / `after:`, `after: 0` left out as the default) and its one
// action, written in the same forms the spec's examples use.

import { conditionFields } from './to-yaml-conditions.ts';
import { Flow, fmtDuration, fmtGroup, fmtGroups, fmtLatency, fmtNodeRef, unflow, type Plain } from './to-yaml-values.ts';
import type { Action, Expectation, LinkChange, TimelineEntry } from './types-timeline.ts';

function changeFields(c: LinkChange): Record<string, Plain> {
  return {
    ...(c.latency ? { latency: unflow(fmtLatency(c.latency)) } : {}),
    ...(c.lossProbability !== undefined ? { loss: c.lossProbability } : {}),
    ...(c.reset ? { reset: true } : {}),
  };
}

/** The action as `[key, value]`; the key is what YAML calls it (`partition-between` is `partition`). */
function actionField(a: Action): [string, Plain] {
  switch (a.type) {
    case 'partition':
      return ['partition', fmtGroups(a.groups)];
    case 'partition-between':
      return ['partition', new Flow({ from: fmtGroup(a.from), to: fmtGroup(a.to), ...(a.oneway ? { oneway: true } : {}) })];
    case 'heal':
      return ['heal', a.between ? new Flow({ between: fmtGroups(a.between).value }) : 'all'];
    case 'link':
      return ['link', new Flow({ between: fmtGroups(a.between).value, ...changeFields(a.change) })];
    case 'network':
      return ['network', new Flow(changeFields(a.change))];
    case 'drop':
      return [
        'drop',
        new Flow({
          ...(a.messageTypes.length === 1 ? { type: a.messageTypes[0] } : a.messageTypes.length > 1 ? { type: [...a.messageTypes] } : {}),
          from: fmtGroup(a.from),
          to: fmtGroup(a.to),
          ...(a.forMs !== undefined ? { for: fmtDuration(a.forMs) } : {}),
        }),
      ];
    case 'isolate':
    case 'kill':
    case 'restart':
    case 'resume':
    case 'shutdown':
    case 'start':
      return [a.type, fmtNodeRef(a.node)];
    case 'pause':
      return ['pause', a.forMs === undefined ? fmtNodeRef(a.node) : new Flow({ node: unflow(fmtNodeRef(a.node)), for: fmtDuration(a.forMs) })];
    case 'redis': {
      const reply = a.reply === undefined ? {} : { reply: a.reply.kind === 'equals' ? a.reply.text : { matches: a.reply.pattern } };
      return ['redis', new Flow({ node: unflow(fmtNodeRef(a.node)), command: a.command, ...reply, ...(a.asking ? { asking: true } : {}), ...(a.client ? { client: a.client } : {}) })];
    }
    case 'redis-cli': {
      if (a.stdin === undefined && a.exit === undefined && a.output === undefined) return ['redis-cli', a.command];
      const output = a.output === undefined ? {} : { output: a.output.kind === 'equals' ? a.output.text : { matches: a.output.pattern } };
      return ['redis-cli', { command: a.command, ...(a.stdin !== undefined ? { stdin: a.stdin } : {}), ...(a.exit !== undefined ? { exit: a.exit } : {}), ...output }];
    }
    case 'replication':
      return ['replication', new Flow({ [a.op]: unflow(fmtNodeRef(a.node)) })];
    case 'workload':
      return ['workload', new Flow({ [a.op]: a.workload })];
    case 'wait':
      return ['wait', new Flow({ until: flatFields(conditionFields(a.until)), ...(a.withinMs !== undefined ? { within: fmtDuration(a.withinMs) } : {}) })];
    case 'check':
      return ['check', new Flow(flatFields(conditionFields(a.condition)))];
    case 'repeat':
      return ['repeat', { times: a.times, do: timelineToPlain(a.body) }];
  }
}

/** Inside a flow map every nested collection is flow too; strip the markers so the printer sees plain values. */
function flatFields(fields: Record<string, Plain>): Record<string, Plain> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, unflow(v)]));
}

export function timelineToPlain(entries: readonly TimelineEntry[]): Plain[] {
  return entries.map((e) => {
    const timing = e.timing.kind === 'at' ? { at: fmtDuration(e.timing.ms) } : e.timing.ms === 0 ? {} : { after: fmtDuration(e.timing.ms) };
    const [key, value] = actionField(e.action);
    return { ...timing, [key]: value };
  });
}

export function expectToPlain(expect: readonly Expectation[]): Plain[] {
  return expect.map((x) => {
    const t = x.timing;
    const timing = t.kind === 'end' ? { at: 'end' } : t.kind === 'always' ? { always: true } : { [t.kind]: fmtDuration(t.ms) };
    return { ...timing, ...conditionFields(x.conditions) };
  });
}
