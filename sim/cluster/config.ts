// The node's configuration record now comes from the parameter table
// (sim/config/). This re-export keeps sim/run/ and sim/cli/ compiling
// unchanged while they are being restructured elsewhere; new code imports
// sim/config/ directly.

export { defaultConfig, type ServerConfig } from '../config/index.ts';
export type { LogLevel } from '../events/recorder.ts';
