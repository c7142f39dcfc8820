// CLUSTER MEET's address check and normalisation: inet_pton() then
// inet_ntop() as glibc does them, so that `0:0::1` and `::1` (or
// `::FFFF:1.2.3.4` and `::ffff:1.2.3.4`) name the same handshake node and
// show in CLUSTER NODES the way Redis shows them. Checked against a real
// 7.0.15 (test/cluster/commands/meet.test.ts).

/** inet_pton(AF_INET): exactly four decimal octets, no leading zeros, each ≤ 255. */
export function parseIPv4(s: string): number[] | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p)) return null;
    const v = Number(p);
    if (v > 255) return null;
    out.push(v);
  }
  return out;
}

const hexDigit = (c: string): number => (/^[0-9a-fA-F]$/.test(c) ? parseInt(c, 16) : -1);

/**
 * inet_pton(AF_INET6) as glibc: up to 4 hex digits per group, one `::`,
 * an optional trailing dotted quad, and `::` must stand for at least one
 * zero group. Returns the 16 bytes.
 */
export function parseIPv6(s: string): Uint8Array | null {
  const bytes = new Uint8Array(16);
  let tp = 0;
  let colonp = -1;
  let i = 0;
  // A leading ':' is only allowed as the start of '::'.
  if (s[0] === ':') {
    if (s[1] !== ':') return null;
    i = 1;
  }
  let curtok = i;
  let digits = 0;
  let val = 0;
  while (i < s.length) {
    const ch = s[i++]!;
    const d = hexDigit(ch);
    if (d >= 0) {
      if (digits === 4) return null;
      val = (val << 4) | d;
      digits++;
      continue;
    }
    if (ch === ':') {
      curtok = i;
      if (digits === 0) {
        if (colonp >= 0) return null; // a second '::'
        colonp = tp;
        continue;
      }
      if (i >= s.length) return null; // trailing single ':'
      if (tp + 2 > 16) return null;
      bytes[tp++] = val >> 8;
      bytes[tp++] = val & 0xff;
      digits = 0;
      val = 0;
      continue;
    }
    if (ch === '.' && tp + 4 <= 16) {
      const v4 = parseIPv4(s.slice(curtok));
      if (!v4) return null;
      bytes.set(v4, tp);
      tp += 4;
      digits = 0;
      i = s.length;
      break;
    }
    return null;
  }
  if (digits > 0) {
    if (tp + 2 > 16) return null;
    bytes[tp++] = val >> 8;
    bytes[tp++] = val & 0xff;
  }
  if (colonp >= 0) {
    if (tp === 16) return null;
    const n = tp - colonp;
    for (let k = 1; k <= n; k++) {
      bytes[16 - k] = bytes[colonp + n - k]!;
      bytes[colonp + n - k] = 0;
    }
    tp = 16;
  }
  return tp === 16 ? bytes : null;
}

/**
 * inet_ntop(AF_INET6) as glibc: lowercase groups without leading zeros,
 * the first longest run of ≥ 2 zero groups as `::`, and `::a.b.c.d` /
 * `::ffff:a.b.c.d` for IPv4-compatible and IPv4-mapped addresses.
 */
export function formatIPv6(b: Uint8Array): string {
  const words: number[] = [];
  for (let i = 0; i < 8; i++) words.push((b[2 * i]! << 8) | b[2 * i + 1]!);
  let best = { base: -1, len: 0 };
  let cur = { base: -1, len: 0 };
  for (let i = 0; i < 8; i++) {
    if (words[i] === 0) {
      if (cur.base === -1) cur = { base: i, len: 1 };
      else cur.len++;
    } else if (cur.base !== -1) {
      if (best.base === -1 || cur.len > best.len) best = cur;
      cur = { base: -1, len: 0 };
    }
  }
  if (cur.base !== -1 && (best.base === -1 || cur.len > best.len)) best = cur;
  if (best.base !== -1 && best.len < 2) best = { base: -1, len: 0 };

  let out = '';
  for (let i = 0; i < 8; i++) {
    if (best.base !== -1 && i >= best.base && i < best.base + best.len) {
      if (i === best.base) out += ':';
      continue;
    }
    if (i !== 0) out += ':';
    if (i === 6 && best.base === 0 && (best.len === 6 || (best.len === 5 && words[5] === 0xffff))) {
      out += `${b[12]}.${b[13]}.${b[14]}.${b[15]}`;
      return out;
    }
    out += words[i]!.toString(16);
  }
  if (best.base !== -1 && best.base + best.len === 8) out += ':';
  return out;
}

/** The normalised text of an IPv4 or IPv6 address, or null if inet_pton rejects it. */
export function normalizeIp(ip: string): string | null {
  const v4 = parseIPv4(ip);
  if (v4) return v4.join('.');
  const v6 = parseIPv6(ip);
  return v6 ? formatIPv6(v6) : null;
}
