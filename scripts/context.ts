import type { Diagnostics } from './diagnostics.js';
import type { Browser } from 'puppeteer';

export type Lang = 'zh' | 'en';

/** Seconds any one browser operation (launch, load, print) may take before the build gives up. */
export const DEFAULT_BROWSER_TIMEOUT_S = 120;

/** What every stage receives: no stage reads globals (process.cwd, env, clock) itself. */
export interface BuildContext {
  /** Absolute path of the report root (content/, data/, templates/, report.yaml). */
  root: string;
  /** Absolute path of this package (for bundled assets: fonts, vega). */
  packageDir: string;
  diagnostics: Diagnostics;
  log: (line: string) => void;
  /** Folder for content-hash caches; safe to delete. */
  cacheDir: string;
  /** Lazily launched, shared by every stage that needs a browser. */
  browser: () => Promise<Browser>;
}

export type I18n = Record<Lang, string>;
