// Public surface of the parameter table: what the node model, the CONFIG
// command and the scenario loader import.

export { CONFIG_NAMES, CONFIG_PARAMS, MODELLED_PARAMS, defaultConfig, lookupConfig, type ConfigName, type ModelledParam, type ServerConfig } from './table.ts';
export { configGet, configSet, RuntimeConfig, type ConfigSetResult } from './runtime.ts';
export { formatValue, memoryParts, memtoull, parseSetValue, type ParsedSet, type SetValue } from './values.ts';
export type { ConfigParam, ConfigValue, ParamType, ProcessFacts, ScenarioRule, Unit } from './types.ts';
