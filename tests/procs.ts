import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { expect } from 'vitest';
import { cli, cliEnv, repo, reportCopy, snapshot } from './helpers.js';

/**
 * Helpers for tests that run the CLI as a child process and check what it
 * leaves running (Linux /proc): faults, interrupts, the dev server.
 */

// ---- processes (Linux /proc) ------------------------------------------------

/** One process as /proc shows it. */
export interface Proc {
  pid: number;
  ppid: number;
  /** Process group. */
  pgrp: number;
  /** R, S, D, T, Z… (Z: exited, not yet reaped). */
  state: string;
  /** Start time in clock ticks since boot: tells a process from a later one that got its pid. */
  start: string;
  /** The command line, arguments joined by spaces. */
  args: string;
}

/** The process `pid` as it is now, or undefined when there is none. */
export function readProc(pid: number): Proc | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    return { pid, state: f[0]!, ppid: Number(f[1]), pgrp: Number(f[2]), start: f[19]!, args };
  } catch {
    return undefined;
  }
}

/** Every process on the machine, as they are now. */
export function allProcs(): Proc[] {
  return readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .map((n) => readProc(Number(n)))
    .filter((p): p is Proc => p !== undefined);
}

/** Every process below `pid` (children, their children…), as they are now. */
export function descendants(pid: number): Proc[] {
  const procs = allProcs();
  const out: Proc[] = [];
  const todo = [pid];
  while (todo.length) {
    const parent = todo.pop()!;
    for (const p of procs) {
      if (p.ppid !== parent) continue;
      out.push(p);
      todo.push(p.pid);
    }
  }
  return out;
}

/** Still running (a zombie nobody has reaped yet is not running). */
export function alive(p: Proc): boolean {
  const now = readProc(p.pid);
  return now !== undefined && now.start === p.start && now.state !== 'Z' && now.state !== 'X';
}

/** Send `sig` to `pid`; a process that is gone already is not an error. */
export function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // gone already
  }
}

/** Poll `ok` every 100 ms until it holds; fail after `ms`, or as soon as `stop` gives a reason to stop waiting. */
export async function waitFor(
  what: string,
  ok: () => boolean | Promise<boolean>,
  ms: number,
  stop?: () => string | undefined,
): Promise<void> {
  const until = Date.now() + ms;
  while (!(await ok())) {
    const why = stop?.();
    if (why) throw new Error(`while waiting for ${what}: ${why}`);
    if (Date.now() > until) throw new Error(`gave up waiting for ${what} after ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// ---- runs of the CLI, and their clean-up -------------------------------------

/** A run of the CLI as a child process, with its output so far. */
export interface Run {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Start `node bin/report.js ...args` (the CLI, as `npm run build` runs it) in the repository, collecting its output (not awaited). */
export function startCli(args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, [path.join(repo, 'bin', 'report.js'), ...args], {
    cwd: repo,
    env: cliEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: Run = {
    child,
    stdout: '',
    stderr: '',
    exit: new Promise((resolve) => child.on('exit', (code, sig) => resolve({ code, signal: sig }))),
  };
  child.stdout!.on('data', (b: Buffer) => (run.stdout += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (run.stderr += b.toString()));
  return run;
}

/** Whether the run's process has not exited yet. */
export const running = (r: Run): boolean => r.child.exitCode === null && r.child.signalCode === null;

/** A `stop` for waitFor: says why waiting is pointless once the run has exited (with its output). */
export const exited = (r: Run) => (): string | undefined =>
  running(r)
    ? undefined
    : `the build exited early (${r.child.exitCode ?? r.child.signalCode})\n${r.stdout}\n${r.stderr}`;

/** What a test starts — CLI runs, browser processes, temporary folders — so that `cleanUp()` (in afterEach) removes it all. */
export class Leftovers {
  readonly runs: Run[] = [];
  /** Processes to kill if still alive (browsers a run started). */
  readonly procs: Proc[] = [];
  /** Folders to delete. */
  readonly dirs: string[] = [];

  /** startCli(), remembered for the clean-up. */
  start(args: string[], env: Record<string, string> = {}): Run {
    const run = startCli(args, env);
    this.runs.push(run);
    return run;
  }

  /** Kill every run still going (held ones too) and every process noted, and delete the folders. */
  async cleanUp(): Promise<void> {
    for (const r of this.runs.splice(0)) {
      if (running(r)) {
        signal(r.child.pid!, 'SIGCONT');
        signal(r.child.pid!, 'SIGKILL');
        await r.exit;
      }
    }
    for (const p of this.procs.splice(0)) if (alive(p)) signal(p.pid, 'SIGKILL');
    for (const d of this.dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  }
}

// ---- a report with a previous build ------------------------------------------

/** Build the mini report's HTML once and return a copy of its dist/ in a new temp folder (`<prefix>-…`; the caller removes it). */
export async function prebuiltMiniDist(left: Leftovers, prefix: string): Promise<string> {
  const root = reportCopy('mini');
  left.dirs.push(root);
  const r = await cli(['build', '--root', root, '--format', 'html', '--quiet']);
  expect(r.code, r.stderr).toBe(0);
  const dist = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
  cpSync(path.join(root, 'dist'), dist, { recursive: true });
  return dist;
}

/** A mini report with a copy of `goodDist` as its previous build in dist/ (deleted by `left.cleanUp()`), and a snapshot of that dist/. */
export function reportWithDist(
  left: Leftovers,
  goodDist: string,
): { root: string; dist: string; before: Map<string, string> } {
  const root = reportCopy('mini');
  left.dirs.push(root);
  const dist = path.join(root, 'dist');
  cpSync(goodDist, dist, { recursive: true });
  return { root, dist, before: snapshot(dist) };
}
