// Invariants a user of the library writes: a name and a check over events
// and over the cluster at the end of each instant, returning a sentence when
// it is broken. They run beside the built-in ones, stop the run the same
// way (exit 3, the violating event and its context), and show in the same
// results and summary.

import type { SimEvent } from '../../events/types.ts';
import { eventNode, eventSubject } from '../../events/vocabulary.ts';
import type { Invariant, InvariantWorld, Violation } from './types.ts';

export interface UserInvariant {
  /** Shown in results and reports; must not be a built-in invariant's name. */
  readonly name: string;
  /** Every event as it is emitted (the world is then in the state it describes); a sentence when broken. */
  onEvent?(e: SimEvent, cluster: InvariantWorld): string | undefined;
  /** After the last event of each simulated instant; a sentence when broken. */
  onInstantEnd?(cluster: InvariantWorld): string | undefined;
}

/** A user invariant as the monitor runs it. */
export function userInvariant(u: UserInvariant): Invariant {
  const inv: { -readonly [K in keyof Invariant]: Invariant[K] } = { name: u.name };
  if (u.onEvent) {
    const check = u.onEvent.bind(u);
    inv.onEvent = (e, w): Violation | undefined => {
      const why = check(e, w);
      if (why === undefined) return undefined;
      const nodes = [eventNode(e, w.names), w.names.name(eventSubject(e))].filter((n) => n !== '' && n !== '*');
      return { invariant: u.name, atMs: e.t, why, event: e, nodes };
    };
  }
  if (u.onInstantEnd) {
    const check = u.onInstantEnd.bind(u);
    inv.onInstantEnd = (w): Violation | undefined => {
      const why = check(w);
      return why === undefined ? undefined : { invariant: u.name, atMs: w.now(), why, nodes: [] };
    };
  }
  return inv;
}
