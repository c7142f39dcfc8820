// One running server's parameters as CONFIG GET reads them and CONFIG SET
// writes them: modelled parameters live in the ServerConfig record the node
// reads; reported-only ones keep the text CONFIG GET prints, starting from
// the table and changed only by CONFIG SET (a restart reads the
// configuration again, so neither survives one).

import type { ConfigParam, ProcessFacts } from './types.ts';
import { formatValue, toConfigValue, type SetValue } from './values.ts';
import type { ServerConfig } from './table.ts';

/** What a node reports for port when no process is given (unit tests of the command alone). */
const DEFAULT_FACTS: ProcessFacts = { port: 6379 };

export class RuntimeConfig {
  /** Reported-only parameters CONFIG SET has changed: their CONFIG GET text, by parameter name. */
  private readonly reported = new Map<string, string>();

  constructor(
    /** The node model's record; CONFIG SET writes into this very object. */
    readonly config: ServerConfig,
    private readonly facts: ProcessFacts = DEFAULT_FACTS,
  ) {}

  /** The CONFIG GET text of `p` (either of its names). */
  text(p: ConfigParam): string {
    if (p.field !== undefined) return formatValue((this.config as Record<string, SetValue | number>)[p.field]!);
    return this.reported.get(p.name) ?? formatValue(p.startsAs?.(this.facts) ?? p.default);
  }

  /** Store an accepted value; true when it differs from the one held (Redis runs apply functions only then). */
  store(p: ConfigParam, v: SetValue): boolean {
    if (p.field === undefined) {
      const before = this.text(p);
      this.reported.set(p.name, formatValue(v));
      return before !== formatValue(v);
    }
    const rec = this.config as Record<string, unknown>;
    const value = toConfigValue(v);
    if (rec[p.field] === value) return false;
    rec[p.field] = value;
    return true;
  }
}
