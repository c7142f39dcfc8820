// Public surface of the scenario module: what the runner and the CLI import.

export { loadScenario, baseName, type LoadResult } from './load.ts';
export { checkFiles, type CheckFilesResult, type FileCheck, type ReadFileFn } from './check-files.ts';
export { formatScenarioError, capErrors, sortErrors, MAX_ERRORS_PER_FILE, type ScenarioError, type ScenarioErrorCode } from './errors.ts';
export { planNodes, nodeIdentities, masterName, replicaName, spareName, NODE_IP, BASE_PORT, BUS_PORT_OFFSET } from './names.ts';
export { evenSlotSplit, SLOT_COUNT } from './slots.ts';
export { scanNodeRefs, splitArgs, type NodeRefInText } from './command-text.ts';
export { holds, formatComparison, parseComparison } from './comparison.ts';
export { DEFAULT_NODE_CONFIG, findConfigParam, parseConfigValue, SCENARIO_CONFIG_NAMES } from './config-values.ts';
export { INVARIANT_NAMES, EVENT_NAMES, BUS_MESSAGE_TYPES, REDIS_CLI_SUBCOMMANDS, type InvariantName } from './vocabulary.ts';
export { suggest, editDistance } from './suggest.ts';
export type * from './types.ts';
