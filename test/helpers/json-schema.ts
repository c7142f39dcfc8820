// A small JSON Schema (2020-12) validator for the keywords
// schema/summary.schema.json uses: type (one or a list), enum, properties,
// required, additionalProperties (false or a schema), items, anyOf,
// minimum, pattern and local $ref. A keyword it does not know is an error,
// so the schema cannot quietly say more than is checked. Plus the rule the
// schema states in words: numbers carry at most three decimals.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Schema = { [k: string]: unknown };

const KNOWN = new Set(['$schema', '$id', '$defs', '$ref', 'title', 'description', 'type', 'enum', 'properties', 'required', 'additionalProperties', 'items', 'anyOf', 'minimum', 'pattern']);

export function summarySchema(): Schema {
  return JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'schema', 'summary.schema.json'), 'utf8')) as Schema;
}

function typeOf(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'array';
  if (typeof x === 'number') return Number.isInteger(x) ? 'integer' : 'number';
  return typeof x;
}

/** Every place `value` breaks `schema`, as `path: reason`; [] when it conforms. */
export function schemaProblems(schema: Schema, value: unknown): string[] {
  const out = validate(schema, schema, value, '$');
  // The schema's rule in words: no float noise.
  const walk = (v: unknown, path: string): void => {
    if (typeof v === 'number' && !Number.isInteger(v) && !/^-?\d+\.\d{1,3}$/.test(String(v))) out.push(`${path}: ${v} has float noise (more than 3 decimals)`);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
  };
  walk(value, '$');
  return out;
}

function validate(schema: Schema, top: Schema, value: unknown, at: string): string[] {
  const out: string[] = [];
  const check = (s: Schema, v: unknown, path: string): void => {
    for (const k of Object.keys(s)) if (!KNOWN.has(k)) out.push(`${path}: schema keyword ${k} is not supported`);
    if (typeof s.$ref === 'string') {
      const name = /^#\/\$defs\/(.+)$/.exec(s.$ref)?.[1];
      const target = name ? (schema.$defs as Record<string, Schema> | undefined)?.[name] : undefined;
      if (!target) out.push(`${path}: unresolved $ref ${s.$ref}`);
      else check(target, v, path);
    }
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
      const t = typeOf(v);
      if (!types.includes(t) && !(t === 'integer' && types.includes('number'))) out.push(`${path}: ${t}, expected ${types.join(' or ')}`);
    }
    if (Array.isArray(s.enum) && !s.enum.some((e) => e === v)) out.push(`${path}: ${JSON.stringify(v)} not one of ${JSON.stringify(s.enum)}`);
    if (typeof s.minimum === 'number' && typeof v === 'number' && v < s.minimum) out.push(`${path}: ${v} < ${s.minimum}`);
    if (typeof s.pattern === 'string' && typeof v === 'string' && !new RegExp(s.pattern, 'u').test(v)) out.push(`${path}: ${JSON.stringify(v)} does not match ${s.pattern}`);
    if (Array.isArray(s.anyOf)) {
      const fits = (s.anyOf as Schema[]).some((alt) => validate(schema, alt, v, path).length === 0);
      if (!fits) out.push(`${path}: matches none of anyOf`);
    }
    if (typeOf(v) === 'object') checkObject(s, v as Record<string, unknown>, path);
    if (Array.isArray(v) && s.items) v.forEach((x, i) => check(s.items as Schema, x, `${path}[${i}]`));
  };
  const checkObject = (s: Schema, o: Record<string, unknown>, path: string): void => {
    const props = (s.properties ?? {}) as Record<string, Schema>;
    for (const r of (s.required ?? []) as string[]) if (!(r in o)) out.push(`${path}: missing ${r}`);
    for (const [k, x] of Object.entries(o)) {
      if (props[k]) check(props[k], x, `${path}.${k}`);
      else if (s.additionalProperties === false) out.push(`${path}: unexpected property ${k}`);
      else if (typeof s.additionalProperties === 'object') check(s.additionalProperties as Schema, x, `${path}.${k}`);
    }
  };
  check(top, value, at);
  return out;
}
