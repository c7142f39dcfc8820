// Rule: the parameter table is one consistent description: every name is
// registered once, each modelled field is fed by exactly one row named after
// it, every default is a value the row's own parser accepts and prints back
// unchanged, ServerConfig's defaults are the rows', and sim/config/ stands
// below the model (it imports only core/ and events/).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_NAMES, CONFIG_PARAMS, defaultConfig, formatValue, MODELLED_PARAMS, parseSetValue } from '../../sim/config/index.ts';

const camel = (name: string): string => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

describe('the parameter table', () => {
  it('registers every name and alias once, in lowercase', () => {
    const names = CONFIG_NAMES.map((n) => n.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    expect(names.filter((n) => n !== n.toLowerCase())).toEqual([]);
  });

  it('feeds each modelled field from one row named after it (the redis.conf name in camelCase)', () => {
    const fields = MODELLED_PARAMS.map((p) => p.field);
    expect(fields.filter((f, i) => fields.indexOf(f) !== i)).toEqual([]);
    expect(MODELLED_PARAMS.filter((p) => p.field !== camel(p.name)).map((p) => p.name)).toEqual([]);
  });

  it('has defaults that its own CONFIG SET parser accepts and prints back unchanged', () => {
    const wrong = CONFIG_PARAMS.flatMap((p) => {
      const text = formatValue(p.default);
      const parsed = parseSetValue(p, text);
      return parsed.ok && formatValue(parsed.value) === text ? [] : [`${p.name}=${text}`];
    });
    expect(wrong).toEqual([]);
  });

  it('gives ServerConfig exactly the modelled fields, at the rows’ defaults', () => {
    expect(defaultConfig()).toEqual(Object.fromEntries(MODELLED_PARAMS.map((p) => [p.field, p.default])));
  });

  it('lives in a folder that imports only sim/core/ and sim/events/', () => {
    const dir = join(import.meta.dirname, '..', '..', 'sim', 'config');
    const outside = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(/from '(\.\.\/[^']+)'/g)].map((m) => `${f}: ${m[1]}`))
      .filter((imp) => !/: \.\.\/(core|events)\//.test(imp));
    expect(outside).toEqual([]);
  });
});
