// Writing what report/ renders: the report folder of a run, files one by
// one under `dir`, and printed lines.

import type { ReportFile } from '../report/run-files.ts';

export interface PresentIO {
  out(text: string): void;
  writeFile(path: string, text: string): void;
  mkdirp(path: string): void;
}

const join = (dir: string, f: string): string => `${dir.replace(/\/$/, '')}/${f}`;

/** Write every file into `dir` (created if missing). */
export function writeFolder(io: PresentIO, dir: string, files: readonly ReportFile[]): void {
  io.mkdirp(dir);
  for (const f of files) io.writeFile(join(dir, f.name), f.text);
}
