// Shared by the timeline tests: load a scenario from text, run the page's
// own decoder (client/decode.js) in Node, and round-trip data through JSON
// as the page receives it.

import { loadScenario, formatScenarioError, type Scenario } from '../../sim/scenario/index.ts';
import { decoderSource } from '../../sim/report/timeline/html.ts';
import type { TimelineData, ViewData } from '../../sim/report/timeline/model.ts';

export function scenarioFrom(text: string, file = 'test.yaml'): Scenario {
  const r = loadScenario(file, text);
  if (!r.ok) throw new Error(r.errors.map(formatScenarioError).join('\n'));
  return r.scenario;
}

interface Decoder {
  makeViewIndex(views: ViewData): unknown;
  viewAt(index: unknown, k: number, t: number): string | null | undefined;
  laneAt(data: TimelineData, k: number, t: number): number;
}

/** The page's decoder, exactly the text the page inlines. */
export function pageDecoder(): Decoder {
  return new Function(`${decoderSource()}\nreturn { makeViewIndex, viewAt, laneAt };`)() as Decoder;
}

/** What the page's JSON.parse sees. */
export function viaJson<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}
