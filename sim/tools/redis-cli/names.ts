// Scenario node names written bare in redis-cli arguments, as the format's
// own example does (`--cluster reshard A --cluster-from B --cluster-to D`):
// a node argument that names a process becomes its `ip:port`, an ID-taking
// value (from, to, master-id, weight, del-node's node) becomes its ID. `@B`
// references were substituted before; anything else is left as written.

export interface NamedNode {
  readonly id: string;
  readonly ip: string;
  readonly port: number;
}

export type NameBook = (name: string) => NamedNode | undefined;

const ID_OPTIONS = new Set(['--cluster-from', '--cluster-to', '--cluster-master-id']);

export function resolveBareNames(args: readonly string[], book: NameBook): string[] {
  const out = [...args];
  const start = out.indexOf('--cluster');
  if (start < 0) return out;
  const sub = out[start + 1];
  let positional = 0;
  for (let i = start + 2; i < out.length; i++) {
    const a = out[i]!;
    if (ID_OPTIONS.has(a) && i + 1 < out.length) {
      out[i + 1] = out[i + 1]!
        .split(',')
        .map((w) => book(w)?.id ?? w)
        .join(',');
      i++;
    } else if (a === '--cluster-weight') {
      for (let j = i + 1; j < out.length && !out[j]!.startsWith('--') && out[j]!.includes('='); j++) {
        const eq = out[j]!.indexOf('=');
        const n = book(out[j]!.slice(0, eq));
        if (n) out[j] = `${n.id}${out[j]!.slice(eq)}`;
        i = j;
      }
    } else if (!a.startsWith('-')) {
      positional++;
      const n = a.includes(':') ? undefined : book(a);
      if (n) out[i] = sub === 'del-node' && positional === 2 ? n.id : `${n.ip}:${n.port}`;
    } else if (a.startsWith('--cluster-') && VALUE_OPTIONS.has(a)) i++;
  }
  return out;
}

/** Options whose value is not a node (skipped, so that `--cluster-slots 7` is not a node named "7"). */
const VALUE_OPTIONS = new Set(['--cluster-replicas', '--cluster-slots', '--cluster-timeout', '--cluster-pipeline', '--cluster-threshold']);
