// A run's events as events.csv shows them: integration tests assert on what
// a user reads (names, event names, detail text), rendered by the same
// vocabulary the reports use.

import type { SimEvent } from '../../sim/events/types.ts';
import { eventRow, type EventRow } from '../../sim/events/vocabulary.ts';
import type { NodeNames } from '../../sim/events/names.ts';

interface HasRecorder {
  readonly recorder: { readonly events: readonly SimEvent[]; readonly names: NodeNames };
}

/** Every event of a world, as rows. */
export function rows(world: HasRecorder): EventRow[] {
  const names = world.recorder.names;
  return world.recorder.events.map((e) => eventRow(e, names));
}

/** One event of a world, as its row. */
export function row(world: HasRecorder, e: SimEvent): EventRow {
  return eventRow(e, world.recorder.names);
}
