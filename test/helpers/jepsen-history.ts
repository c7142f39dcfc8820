// A reader for the EDN history.edn is written in (maps, vectors, lists,
// strings, keywords, integers, nil, booleans), written from the EDN spec
// (github.com/edn-format/edn) rather than from the writer, and the rules a
// Jepsen history follows (Jepsen's and Elle's docs: "Each process should
// perform alternating :invoke and :ok/:info/:fail operations … After an
// :info, a process may not perform another operation"), as a checker that
// lists every problem it finds.

export class Kw {
  constructor(readonly name: string) {}
}
export type Edn = null | boolean | number | string | Kw | Edn[] | { [k: string]: Edn };

export function parseEdn(text: string): Edn {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && /[\s,]/.test(text[i]!)) i++;
  };
  const fail = (why: string): never => {
    throw new Error(`EDN at ${i}: ${why} in ${text.slice(0, 120)}`);
  };
  const token = (): string => {
    const m = /^[^\s,\[\]{}()"]+/.exec(text.slice(i));
    if (!m) fail('expected a token');
    i += m![0].length;
    return m![0];
  };
  const str = (): string => {
    i++;
    let out = '';
    for (;;) {
      const c = text[i++];
      if (c === undefined) fail('unterminated string');
      if (c === '"') return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = text[i++];
      if (e === 'u') {
        out += String.fromCharCode(parseInt(text.slice(i, i + 4), 16));
        i += 4;
      } else out += ({ n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' } as Record<string, string>)[e!] ?? fail(`bad escape \\${e}`);
    }
  };
  const seq = (close: string): Edn[] => {
    i++;
    const items: Edn[] = [];
    for (;;) {
      ws();
      if (text[i] === close) {
        i++;
        return items;
      }
      if (i >= text.length) fail(`missing ${close}`);
      items.push(value());
    }
  };
  const value = (): Edn => {
    ws();
    const c = text[i];
    if (c === '"') return str();
    if (c === '[') return seq(']');
    if (c === '(') return seq(')');
    if (c === '{') {
      const items = seq('}');
      if (items.length % 2 !== 0) fail('odd map');
      const m: { [k: string]: Edn } = {};
      for (let k = 0; k < items.length; k += 2) {
        const key = items[k];
        if (!(key instanceof Kw)) fail('map keys here are keywords');
        m[(key as Kw).name] = items[k + 1]!;
      }
      return m;
    }
    const t = token();
    if (t.startsWith(':')) return new Kw(t.slice(1));
    if (t === 'nil') return null;
    if (t === 'true' || t === 'false') return t === 'true';
    if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
    return fail(`unknown token ${t}`);
  };
  const v = value();
  ws();
  if (i !== text.length) fail('trailing text');
  return v;
}

/** One op map per non-empty line. */
export function parseHistoryEdn(text: string): { [k: string]: Edn }[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => parseEdn(l) as { [k: string]: Edn });
}

const kw = (x: Edn): string | undefined => (x instanceof Kw ? x.name : undefined);

/** The key an op's value is about: `[k v]` tuples, or `[[:append k v]]` / `[[:r k v]]` micro-op transactions. */
function keyOf(value: Edn): Edn {
  if (!Array.isArray(value)) return undefined as unknown as Edn;
  return Array.isArray(value[0]) ? (value[0] as Edn[])[1]! : value[0]!;
}

/** Every way the history breaks Jepsen's rules; [] when it keeps them all. */
export function jepsenProblems(ops: readonly { [k: string]: Edn }[]): string[] {
  const problems: string[] = [];
  const open = new Map<number, { [k: string]: Edn }>();
  const retired = new Set<number>();
  let lastTime = -Infinity;
  ops.forEach((op, line) => {
    const at = `line ${line + 1}`;
    const type = kw(op.type!);
    if (op.index !== line) problems.push(`${at}: :index ${String(op.index)}, expected ${line}`);
    if (typeof op.time !== 'number' || !Number.isInteger(op.time) || op.time < 0) problems.push(`${at}: :time must be a non-negative integer (ns)`);
    else if (op.time < lastTime) problems.push(`${at}: :time goes back`);
    else lastTime = op.time;
    if (!['invoke', 'ok', 'fail', 'info'].includes(type ?? '')) problems.push(`${at}: :type ${String(type)}`);
    if (kw(op.f!) === undefined) problems.push(`${at}: :f must be a keyword`);
    if (kw(op.process!) === 'nemesis') {
      if (type !== 'info') problems.push(`${at}: nemesis ops are :info`);
      return;
    }
    const p = op.process;
    if (typeof p !== 'number' || !Number.isInteger(p) || p < 0) return void problems.push(`${at}: :process must be an integer or :nemesis`);
    if (retired.has(p)) problems.push(`${at}: process ${p} acts after its :info`);
    if (type === 'invoke') {
      if (open.has(p)) problems.push(`${at}: process ${p} invokes with an op outstanding`);
      open.set(p, op);
      return;
    }
    const inv = open.get(p);
    if (!inv) return void problems.push(`${at}: process ${p} completes nothing`);
    open.delete(p);
    if (kw(inv.f!) !== kw(op.f!)) problems.push(`${at}: completion :f ${kw(op.f!)} of an invoke :f ${kw(inv.f!)}`);
    if (JSON.stringify(keyOf(inv.value!)) !== JSON.stringify(keyOf(op.value!))) problems.push(`${at}: completion of another key`);
    if (type !== 'ok' && typeof op.error !== 'string') problems.push(`${at}: a ${type} without :error`);
    if (type === 'info') retired.add(p);
  });
  for (const [p] of open) problems.push(`process ${p} never completes`);
  return problems;
}
