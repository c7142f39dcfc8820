// Conditions and expectations as short text for ✓/✗ lines and summary.json:
// close to how the scenario file writes them.

import { formatComparison } from './comparison.ts';
import type { Condition, Expectation, ExpectTiming, SlotRange } from './types.ts';

const ranges = (rs: readonly SlotRange[]): string => rs.map((r) => (r.start === r.end ? `${r.start}` : `${r.start}-${r.end}`)).join(',');
const seen = (s: string | undefined): string => (s ? ` (seen by ${s})` : '');

export function describeCondition(c: Condition): string {
  switch (c.kind) {
    case 'role':
      return `role ${c.roles.map((r) => `${r.node}=${r.role}`).join(' ')}${seen(c.seenBy)}`;
    case 'replica-of':
      return `replica-of ${c.pairs.map((p) => `${p.replica}→${p.master}`).join(' ')}${seen(c.seenBy)}`;
    case 'replicas':
      return `replicas ${c.counts.map((r) => `${r.master} ${formatComparison(r.count)}`).join(' ')}${seen(c.seenBy)}`;
    case 'known-nodes':
      return `known-nodes ${c.counts.map((k) => `${k.node} ${formatComparison(k.count)}`).join(' ')}`;
    case 'cluster-state':
      return `cluster-state ${c.state}${c.on ? ` on ${c.on.join(',')}` : ''}`;
    case 'flag':
      return `flag ${c.node} is ${c.flag}${seen(c.seenBy)}`;
    case 'owner':
      return `owner of ${ranges(c.slots)} is ${c.owner ?? 'nobody'}${seen(c.seenBy)}`;
    case 'open-slots':
      return `open-slots ${c.none ? 'none' : 'some'}${c.slots ? ` in ${ranges(c.slots)}` : ''}`;
    case 'epoch':
      return `epoch ${c.node}${c.config ? ` config ${formatComparison(c.config)}` : ''}${c.current ? ` current ${formatComparison(c.current)}` : ''}`;
    case 'converged':
      return c.value ? 'converged' : 'not converged';
    case 'in-sync':
      return `in-sync ${c.replicas.join(',')}`;
    case 'event': {
      const who = c.involving ?? [c.node && `node=${c.node}`, c.subject && `subject=${c.subject}`].filter(Boolean).join(' ');
      return `event ${c.name}${who ? ` ${who}` : ''}${c.detail.map((d) => ` ${d.key}=${d.match.kind === 'equals' ? d.match.text : formatComparison(d.match.cmp)}`).join('')} count ${formatComparison(c.count)}`;
    }
    case 'lost-writes':
      return `lost-writes${c.max !== undefined ? ` ≤ ${c.max}` : ''}${c.min !== undefined ? ` ≥ ${c.min}` : ''}`;
    case 'history':
      return 'history consistent';
    case 'replicas-consistent':
      return c.value ? 'replicas consistent' : 'replicas inconsistent';
    case 'keys-readable':
      return 'every acknowledged key readable';
    case 'keys-in-slot':
      return `keys in slot ${c.slot} on ${c.on} ${formatComparison(c.count)}`;
  }
}

export function describeTiming(t: ExpectTiming): string {
  switch (t.kind) {
    case 'at':
      return `at ${t.ms / 1000}s`;
    case 'by':
      return `by ${t.ms / 1000}s`;
    case 'end':
      return 'at end';
    case 'always':
      return 'always';
  }
}

export function describeExpectation(e: Expectation): string {
  return `${describeTiming(e.timing)}: ${e.conditions.map(describeCondition).join(', ')}`;
}
