// Debian's chromium driven by playwright-core, for the timeline's browser
// test and the screenshot/measurement scripts. No browser is downloaded:
// it must be the system one (apt-get install chromium), run headless with a
// fresh profile and every background network feature off, so that any
// request the page makes is the page's own.

import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { runFiles } from '../../sim/report/run-files.ts';
import { runScenario, type RunResult } from '../../sim/run/runner.ts';
import type { Scenario } from '../../sim/scenario/index.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const NO_CHROMIUM = `${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium) to run the timeline browser test`;

export const hasChromium = (): boolean => existsSync(CHROMIUM);

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launch(viewport = { width: 1400, height: 900 }): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'sim-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface OpenedPage {
  page: Page;
  /** Console errors and uncaught exceptions. */
  errors: string[];
  /** Every request that was not for a file:// URL (each one aborted). */
  network: string[];
  /** From navigation start to the page's `timeline-ready` mark, ms. */
  readyMs: number;
}

/** Open a timeline.html from disk; any non-file request is recorded and refused. */
export async function openTimeline(b: Browser, file: string): Promise<OpenedPage> {
  const page = await b.context.newPage();
  const errors: string[] = [];
  const network: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:')) network.push(r.url());
  });
  await page.route('**', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
  await page.goto(`file://${file}`);
  // Strings, not functions: the page's globals have no types here (no DOM lib), and tsx would wrap functions in helpers the page lacks.
  await page.waitForFunction("document.documentElement.dataset.ready === '1'", undefined, { timeout: 60_000 });
  const readyMs = (await page.evaluate("performance.getEntriesByName('timeline-ready')[0]?.startTime ?? NaN")) as number;
  return { page, errors, network, readyMs };
}

/** Run a scenario and write its report folder (timeline.html included) to a temporary directory. */
export function runToReport(scenario: Scenario, seed: number, dir = mkdtempSync(join(tmpdir(), 'sim-report-'))): { dir: string; result: RunResult } {
  const result = runScenario(scenario, { seed, logLevel: 'warning', timeline: true });
  mkdirSync(dir, { recursive: true });
  for (const f of runFiles(result, 0).files) writeFileSync(join(dir, f.name), f.text);
  return { dir, result };
}
