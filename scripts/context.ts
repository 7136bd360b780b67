import type { Browser } from 'puppeteer-core';
import type { Diagnostics } from './diagnostics/collector.js';
import { Schemas } from './sources/validate.js';
import { FontFiles } from './fonts/font-files.js';
import type { FaceCache } from './fonts/catalogue.js';
import type { TextMeasure } from './fonts/text-measure.js';

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
  /** Milliseconds any one browser operation (navigation, evaluation, print) may take. */
  browserTimeoutMs: number;
  /** What lives longer than one build: owned by the caller, never a module global. */
  session: Session;
  /** Aborted when the build is to stop: long work checks it when it gives way to the event loop (units/pace.ts). */
  signal?: AbortSignal;
}

/**
 * Caches and background work that one process (the CLI, dev mode, a test)
 * keeps across its builds. Two sessions share nothing.
 */
export interface Session {
  schemas: Schemas;
  fontFaces: FaceCache;
  fontFiles: FontFiles;
  /** Chart text measured with the bundled fonts (fonts/text-measure.ts), made on first use. */
  textMeasure?: TextMeasure;
  /** Work left running after a build (removing the old output): awaited before the process exits. */
  background: Set<Promise<unknown>>;
}

export function newSession(): Session {
  return { schemas: new Schemas(), fontFaces: new Map(), fontFiles: new FontFiles(), background: new Set() };
}

/** Wait for a session's background work (before the process exits). */
export async function settled(session: Session): Promise<void> {
  await Promise.all(session.background);
  session.background.clear();
}

export type I18n = Record<Lang, string>;
