// A report folder that is whole or absent. Files are written (or appended to,
// as they are produced) into a hidden sibling, `.NAME.partial-PID`, and the
// sibling is renamed to NAME when the report is complete; a report folder of
// the same name from an earlier run is replaced in the same step. Until then
// NAME is untouched, so an interrupted run, a full disk or a crash never
// leaves half a report, or a mix of two runs.
//
// Opening the folder is also the check of `--out`, done before the run
// starts: the path must name a folder (not `.`, not a file, not inside a
// file), its parent must be creatable and writable, and an existing folder
// there may hold only files `sim` writes (it is replaced whole). A sibling
// left by a process that no longer runs (killed with SIGKILL, or out of
// memory) is removed when the next report of that name is opened.

import { posix } from 'node:path';
import { UsageError } from './io.ts';

/** The file operations a report folder needs (node:fs in the CLI, a map in tests). Errors carry Node's `code`. */
export interface FolderFs {
  /** What is at a path; throws for anything but "nothing there" (ENOTDIR, EACCES …). */
  kind(path: string): 'missing' | 'file' | 'dir' | 'other';
  list(path: string): string[];
  /** Create a folder and any missing parents. */
  mkdirp(path: string): void;
  /** Create one folder; fails if something is there already. */
  mkdir(path: string): void;
  /** Remove an empty folder; fails if it is not empty. */
  rmdir(path: string): void;
  writeFile(path: string, text: string): void;
  appendFile(path: string, text: string): void;
  rename(from: string, to: string): void;
  /** Remove a file or a folder and all it holds; nothing if it is missing. */
  remove(path: string): void;
}

/** What opening a folder needs from the CLI's I/O. */
export interface FolderIO {
  readonly fs: FolderFs;
  /** This process's id, to name its temporary folder. */
  readonly pid: number;
  /** Whether a process of that id runs (a temporary folder of a dead one is stale). */
  isRunning(pid: number): boolean;
}

export interface ReportFolder {
  /** Where the report will be, as given. */
  readonly dir: string;
  /** Write a whole file (replacing what was written or appended before). */
  write(name: string, text: string): void;
  /** Add to a file, creating it on first use (for files written as they are produced). */
  append(name: string, chunk: string): void;
  /** Put the finished folder in place, replacing an earlier one of the same name. */
  commit(): void;
  /** Remove everything written; the place is as it was (folders created for it removed too). */
  abort(): void;
}

/** What a report folder's own files may be called (an existing folder holding anything else is not replaced). */
export type Replaceable = (name: string) => boolean;

/**
 * A report folder's default name from a scenario's `name:`: letters, digits,
 * `_`, `-` and inner dots, anything else a `-`, at most 100 characters, never
 * empty, never `.`, `..` or hidden, never a path. `fallback` (the file's base
 * name) stands in for a name with nothing usable in it.
 */
export function reportSlug(name: string, fallback = 'scenario'): string {
  const tidy = (s: string): string =>
    s
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[.-]+/, '')
      .slice(0, 100)
      .replace(/[.-]+$/, '');
  return tidy(name) || tidy(fallback) || 'scenario';
}

const CODE_WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'a folder on the way cannot be created there',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a part of the path is a file',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EEXIST: 'something is in the way',
  ENAMETOOLONG: 'the name is too long',
  EINVAL: 'not a valid folder name there',
};

/** A file-system error in words (Node's code, else its first line). */
export function fsReason(e: unknown): string {
  const code = (e as { code?: string } | null)?.code;
  if (code !== undefined && CODE_WORDS[code]) return CODE_WORDS[code]!;
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
}

const bad = (flag: string, dir: string, why: string): UsageError => new UsageError(`${flag} ${dir}: ${why}`);

/** The folder's parent and base name, refusing what cannot be a report folder of its own. */
function place(dir: string, flag: string): { parent: string; base: string } {
  if (dir === '') throw new UsageError(`${flag}: expected a folder name, got nothing`);
  if (dir.includes('\0')) throw bad(flag, JSON.stringify(dir), 'a path cannot contain a NUL character');
  const clean = posix.normalize(dir).replace(/\/+$/, '');
  const base = posix.basename(clean);
  if (clean === '' || base === '.' || base === '..') throw bad(flag, dir, 'a report needs a folder of its own (a name, not . or ..)');
  return { parent: posix.dirname(clean), base };
}

/** An existing folder at `path` may be replaced only if it holds nothing but report files. */
function checkExisting(io: FolderIO, path: string, flag: string, dir: string, replaceable: Replaceable): void {
  const kind = io.fs.kind(path);
  if (kind === 'missing') return;
  if (kind !== 'dir') throw bad(flag, dir, 'it is a file, not a folder');
  const foreign = io.fs.list(path).filter((n) => !replaceable(n) || io.fs.kind(posix.join(path, n)) !== 'file');
  if (foreign.length === 0) return;
  const shown = foreign.slice(0, 3).join(', ') + (foreign.length > 3 ? ', …' : '');
  throw bad(flag, dir, `the folder holds other files (${shown}); a report replaces its folder whole, so give a new folder or one sim wrote`);
}

/** Temporary siblings of this name left by processes that no longer run. */
function removeStale(io: FolderIO, parent: string, base: string): void {
  const re = new RegExp(`^\\.${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(partial|old)-(\\d+)$`);
  for (const n of io.fs.list(parent)) {
    const m = re.exec(n);
    if (m && Number(m[2]) !== io.pid && !io.isRunning(Number(m[2]))) io.fs.remove(posix.join(parent, n));
  }
}

/** The shallowest missing folder on the way to `path` (what mkdirp will create), if any. */
function firstMissing(io: FolderIO, path: string): string | undefined {
  let top: string | undefined;
  for (let d = path; d !== '.' && d !== '/' && io.fs.kind(d) === 'missing'; d = posix.dirname(d)) top = d;
  return top;
}

/**
 * Open the report folder `dir` (checking it, see above): a usage error
 * (exit 2) if it cannot be written. `flag` names the option in messages.
 */
export function openReportFolder(io: FolderIO, dir: string, replaceable: Replaceable, flag = '--out'): ReportFolder {
  const { parent, base } = place(dir, flag);
  const target = posix.join(parent, base);
  const tmp = posix.join(parent, `.${base}.partial-${io.pid}`);
  let created: string | undefined;
  try {
    checkExisting(io, target, flag, dir, replaceable);
    created = firstMissing(io, parent);
    io.fs.mkdirp(parent);
    removeStale(io, parent, base);
    io.fs.remove(tmp);
    io.fs.mkdir(tmp);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    removeCreated(io, parent, created);
    throw bad(flag, dir, `cannot write there: ${fsReason(e)}`);
  }
  return folderAt(io, { dir, target, tmp, parent, created });
}

/** Remove the folders openReportFolder created, deepest first, if they are empty. */
function removeCreated(io: FolderIO, parent: string, created: string | undefined): void {
  if (created === undefined) return;
  for (let d = parent; ; d = posix.dirname(d)) {
    try {
      io.fs.rmdir(d);
    } catch {
      return;
    }
    if (d === created) return;
  }
}

interface Paths {
  dir: string;
  target: string;
  tmp: string;
  parent: string;
  created: string | undefined;
}

function folderAt(io: FolderIO, p: Paths): ReportFolder {
  let state: 'open' | 'committed' | 'aborted' = 'open';
  const file = (name: string): string => {
    if (state !== 'open') throw new Error(`report folder ${p.dir} is already ${state}`);
    if (name === '' || name.includes('/') || name === '.' || name === '..') throw new Error(`not a file name: ${name}`);
    return posix.join(p.tmp, name);
  };
  return {
    dir: p.dir,
    write: (name, text) => io.fs.writeFile(file(name), text),
    append: (name, chunk) => io.fs.appendFile(file(name), chunk),
    commit() {
      file('x');
      const old = posix.join(p.parent, `.${posix.basename(p.target)}.old-${io.pid}`);
      const replacing = io.fs.kind(p.target) === 'dir';
      if (replacing) io.fs.rename(p.target, old);
      io.fs.rename(p.tmp, p.target);
      state = 'committed';
      if (replacing) io.fs.remove(old);
    },
    abort() {
      if (state !== 'open') return;
      state = 'aborted';
      io.fs.remove(p.tmp);
      removeCreated(io, p.parent, p.created);
    },
  };
}
