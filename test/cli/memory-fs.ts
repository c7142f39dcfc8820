// An in-memory FolderFs for in-process CLI runs: files in a Map, folders in a
// Set, Node's error codes where node:fs would throw, and a hook before each
// write (a test makes a write fail, or a signal arrive, at a chosen file).

import { posix } from 'node:path';
import type { FolderFs } from '../../sim/cli/report-folder.ts';

const fail = (code: string, path: string): Error => Object.assign(new Error(`${code}: ${path}`), { code });
const norm = (p: string): string => posix.normalize(p).replace(/(.)\/+$/, '$1');

export class MemoryFs implements FolderFs {
  readonly files = new Map<string, string>();
  readonly dirs = new Set<string>(['.', '/', '..']);
  /** Called with each path written or appended to, before the write. */
  beforeWrite: (path: string) => void = () => {};

  private parentOf(p: string): string {
    return posix.dirname(p);
  }

  private checkParentDir(p: string): void {
    const parent = this.parentOf(p);
    if (this.files.has(parent)) throw fail('ENOTDIR', p);
    if (!this.dirs.has(parent)) {
      this.kind(parent);
      throw fail('ENOENT', p);
    }
  }

  kind(path: string): 'missing' | 'file' | 'dir' | 'other' {
    const p = norm(path);
    if (this.dirs.has(p)) return 'dir';
    if (this.files.has(p)) return 'file';
    for (let d = this.parentOf(p); d !== p && !this.dirs.has(d); d = this.parentOf(d)) if (this.files.has(d)) throw fail('ENOTDIR', path);
    return 'missing';
  }

  list(path: string): string[] {
    const p = norm(path);
    if (!this.dirs.has(p)) throw fail(this.files.has(p) ? 'ENOTDIR' : 'ENOENT', path);
    const names = [...this.files.keys(), ...this.dirs].filter((x) => x !== p && !['.', '/', '..'].includes(x) && this.parentOf(x) === p).map((x) => posix.basename(x));
    return [...new Set(names)].sort();
  }

  mkdirp(path: string): void {
    const p = norm(path);
    if (this.dirs.has(p)) return;
    if (this.files.has(p)) throw fail('EEXIST', path);
    this.mkdirp(this.parentOf(p));
    this.dirs.add(p);
  }

  mkdir(path: string): void {
    const p = norm(path);
    if (this.dirs.has(p) || this.files.has(p)) throw fail('EEXIST', path);
    this.checkParentDir(p);
    this.dirs.add(p);
  }

  rmdir(path: string): void {
    const p = norm(path);
    if (!this.dirs.has(p)) throw fail('ENOENT', path);
    if (this.list(p).length > 0) throw fail('ENOTEMPTY', path);
    this.dirs.delete(p);
  }

  writeFile(path: string, text: string): void {
    const p = norm(path);
    this.beforeWrite(p);
    if (this.dirs.has(p)) throw fail('EISDIR', path);
    this.checkParentDir(p);
    this.files.set(p, text);
  }

  appendFile(path: string, text: string): void {
    const p = norm(path);
    this.beforeWrite(p);
    this.checkParentDir(p);
    this.files.set(p, (this.files.get(p) ?? '') + text);
  }

  rename(from: string, to: string): void {
    const a = norm(from);
    const b = norm(to);
    if (this.files.has(a)) {
      this.checkParentDir(b);
      this.files.set(b, this.files.get(a)!);
      this.files.delete(a);
      return;
    }
    if (!this.dirs.has(a)) throw fail('ENOENT', from);
    if (this.files.has(b) || (this.dirs.has(b) && this.list(b).length > 0)) throw fail('ENOTEMPTY', to);
    this.checkParentDir(b);
    const moved = (x: string): string | undefined => (x === a ? b : x.startsWith(`${a}/`) ? b + x.slice(a.length) : undefined);
    for (const d of [...this.dirs]) {
      const to = moved(d);
      if (to === undefined) continue;
      this.dirs.delete(d);
      this.dirs.add(to);
    }
    for (const [f, t] of [...this.files]) {
      const to = moved(f);
      if (to === undefined) continue;
      this.files.delete(f);
      this.files.set(to, t);
    }
  }

  remove(path: string): void {
    const p = norm(path);
    const inside = (x: string): boolean => x === p || x.startsWith(`${p}/`);
    for (const f of [...this.files.keys()]) if (inside(f)) this.files.delete(f);
    for (const d of [...this.dirs]) if (inside(d) && !['.', '/', '..'].includes(d)) this.dirs.delete(d);
  }
}
