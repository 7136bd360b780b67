import { spawn, type ChildProcess } from 'node:child_process';
import type { Browser, Page } from 'puppeteer-core';
import { launchBrowser } from '../scripts/browser/launch.js';
import { killTree } from './proc.js';
import { paragraphEdit } from './workspace.js';

export type DevResult =
  { kind: 'measured'; latenciesMs: number[] } | { kind: 'na'; why: string } | { kind: 'failed'; why: string };

export interface DevSetup {
  repo: string;
  /** The CLI whose `dev` command is measured (bin/report.js, as `npm run dev` runs it). */
  cli: string;
  root: string;
  env: NodeJS.ProcessEnv;
  /** The chapter whose first paragraph gets the marker. */
  chapter: string;
  runs: number;
  executablePath: string;
  asRoot: boolean;
}

const URL_WAIT_MS = 60_000;
const MARKER_WAIT_MS = 30_000;
const SETTLE_MS = 500;
const URL_LINE = /http:\/\/127\.0\.0\.1:\d+\//;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface DevServer {
  child: ChildProcess;
  url?: string;
  /** Why there is no URL: exited, or never printed one. */
  why?: string;
}

/** Start `report.js dev` on the copy and wait for the line with its URL (or its exit, or 60 s). */
function startDev(setup: DevSetup): Promise<DevServer> {
  return new Promise((resolve) => {
    const args = [setup.cli, 'dev', '--root', setup.root, '--port', '0'];
    const child = spawn(process.execPath, args, { cwd: setup.repo, env: setup.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let settled = false;
    const done = (r: Omit<DevServer, 'child'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ child, ...r });
    };
    const timer = setTimeout(() => done({ why: `no URL within ${URL_WAIT_MS / 1000} s` }), URL_WAIT_MS);
    // Keep reading (and dropping) its output after the URL, so the pipe never fills and blocks it.
    child.stdout?.on('data', (b: Buffer) => {
      if (settled) return;
      out += b.toString('utf8');
      const m = URL_LINE.exec(out);
      if (m) done({ url: m[0] });
    });
    child.stderr?.resume();
    child.on('exit', (code) => done({ why: `dev exited (code ${code})` }));
  });
}

async function stopDev(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGINT');
  const graceful = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
  if (!graceful) {
    killTree(child.pid);
    await exited;
  }
}

/** Wait until the page (reloading as it may) shows `marker`; survives the navigations a live reload causes. */
async function waitForText(page: Page, marker: string, deadline: number): Promise<boolean> {
  while (performance.now() < deadline) {
    try {
      const remaining = Math.max(1, deadline - performance.now());
      await page.waitForFunction(
        (m: string) => document.body?.innerText.includes(m) ?? false,
        { polling: 10, timeout: remaining },
        marker,
      );
      return true;
    } catch {
      // context destroyed by the reload, or timed out: try again until the deadline
      await sleep(5);
    }
  }
  return false;
}

/** A word that appears nowhere else: letters only (digits would count as data for some checks). */
function marker(i: number): string {
  const letters = (n: number) =>
    n
      .toString(26)
      .split('')
      .map((c) => String.fromCharCode(97 + parseInt(c, 26)))
      .join('');
  return `benchmark${letters(Date.now() % 1e7)}x${letters(i)}`;
}

async function measure(page: Page, setup: DevSetup): Promise<DevResult> {
  const edit = paragraphEdit(setup.chapter);
  const latencies: number[] = [];
  try {
    for (let i = 0; i < setup.runs; i++) {
      const word = marker(i);
      const t0 = performance.now();
      edit.write(` ${word}`);
      if (!(await waitForText(page, word, t0 + MARKER_WAIT_MS)))
        return { kind: 'failed', why: `the edit did not show within ${MARKER_WAIT_MS / 1000} s` };
      latencies.push(performance.now() - t0);
      await sleep(SETTLE_MS);
    }
  } finally {
    edit.restore();
  }
  return { kind: 'measured', latenciesMs: latencies };
}

/** Save → visible in the browser, through `report.js dev` (if it exists yet). */
export async function measureDev(setup: DevSetup): Promise<DevResult> {
  const dev = await startDev(setup);
  let browser: Browser | undefined;
  try {
    if (!dev.url) return { kind: 'na', why: dev.why ?? 'no URL' };
    browser = await launchBrowser({ executablePath: setup.executablePath, asRoot: setup.asRoot });
    const page = await browser.newPage();
    await page.goto(`${dev.url}zh/index.html`, { waitUntil: 'load' });
    await sleep(SETTLE_MS);
    return await measure(page, setup);
  } catch (e) {
    return { kind: 'failed', why: (e as Error).message.split('\n')[0] ?? 'error' };
  } finally {
    await browser?.close().catch(() => undefined);
    await stopDev(dev.child);
  }
}
