// The page's data as JSON text in pieces, so that a long run's data (tens
// of millions of clock points) is never one string. Joined, the pieces are
// exactly JSON.stringify(value) for the plain data the page has (objects,
// arrays, strings, numbers, booleans, null). A part that is large can write
// itself: it has jsonChunks() (pieces of its own JSON) and toJSON() (the
// same data as a plain value, for JSON.stringify).

/** A value that writes its JSON in pieces. */
export interface ChunkedJson {
  toJSON(): unknown;
  jsonChunks(): Iterable<string>;
}

function isChunked(v: object): v is ChunkedJson {
  return typeof (v as Partial<ChunkedJson>).jsonChunks === 'function';
}

/** Pieces are gathered up to about this many characters before being handed on. */
const PIECE = 1 << 16;

/** JSON.stringify(value), in pieces. */
export function* jsonChunks(value: unknown): Generator<string> {
  let buf = '';
  for (const s of parts(value)) {
    buf += s;
    if (buf.length >= PIECE) {
      yield buf;
      buf = '';
    }
  }
  if (buf !== '') yield buf;
}

function* parts(value: unknown): Generator<string> {
  if (value === null || typeof value !== 'object') {
    yield JSON.stringify(value) ?? 'null';
    return;
  }
  if (isChunked(value)) {
    yield* value.jsonChunks();
    return;
  }
  if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ',';
      const v: unknown = value[i];
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') yield 'null';
      else yield* parts(v);
    }
    yield ']';
    return;
  }
  const toJSON = (value as { toJSON?: () => unknown }).toJSON;
  if (typeof toJSON === 'function') {
    yield* parts(toJSON.call(value));
    return;
  }
  yield '{';
  let first = true;
  for (const key of Object.keys(value)) {
    const v: unknown = (value as Record<string, unknown>)[key];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    yield `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    yield* parts(v);
  }
  yield '}';
}

/** A number array's JSON (JSON.stringify of it), in pieces. */
export function* numberArrayChunks(a: readonly number[]): Generator<string> {
  yield '[';
  for (let i = 0; i < a.length; i += 4096) {
    const block = a.slice(i, i + 4096).map((n) => JSON.stringify(n) ?? 'null');
    yield (i > 0 ? ',' : '') + block.join(',');
  }
  yield ']';
}
