import { spawn, execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** One timed child process: wall-clock, peak memory of its whole process tree, and what it printed. */
export interface RunResult {
  ms: number;
  /** Max over the samples of the summed RSS of the process and all its descendants. */
  peakBytes: number;
  /**
   * CPU time (user + system, every thread) summed over the process and all its descendants, each as last sampled:
   * what a process used in its last ~50 ms is missed (Chromium's processes are not all waited for, so the times of
   * ended children are not to be had from the kernel).
   */
  cpuMs: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs: number;
}

const SAMPLE_EVERY_MS = 50;
const PAGE_SIZE = getconf('PAGESIZE', 4096);
const CLOCK_TICKS = getconf('CLK_TCK', 100);

function getconf(name: string, fallback: number): number {
  try {
    return Number(execFileSync('getconf', [name], { encoding: 'utf8' }).trim()) || fallback;
  } catch {
    return fallback;
  }
}

interface ProcStat {
  ppid: number;
  rssBytes: number;
  cpuMs: number;
}

/** /proc/<pid>/stat → ppid and RSS; undefined when the process is gone. */
function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces and parentheses): state (field 3), ppid, …
    // utime and stime are fields 14 and 15, rss is field 24.
    const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return {
      ppid: Number(rest[1]),
      rssBytes: Number(rest[21]) * PAGE_SIZE,
      cpuMs: ((Number(rest[11]) + Number(rest[12])) * 1000) / CLOCK_TICKS,
    };
  } catch {
    return undefined;
  }
}

function allProcesses(): Map<number, ProcStat> {
  const out = new Map<number, ProcStat>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const st = readStat(Number(name));
    if (st) out.set(Number(name), st);
  }
  return out;
}

/** The process and all its descendants, with their stats (one scan of /proc). */
export function processTree(root: number): Map<number, ProcStat> {
  const all = allProcesses();
  const tree = new Map<number, ProcStat>();
  const rootStat = all.get(root);
  if (!rootStat) return tree;
  tree.set(root, rootStat);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, st] of all) {
      if (!tree.has(pid) && tree.has(st.ppid)) {
        tree.set(pid, st);
        grew = true;
      }
    }
  }
  return tree;
}

/** SIGKILL a process and every descendant, by pid (children first, so none is reparented and missed). */
export function killTree(root: number): void {
  const pids = [...processTree(root).keys()].reverse();
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Run `cmd args` to completion, timing it, sampling its tree's memory every ~50 ms and taking its CPU time. Never rejects. */
export function runMeasured(cmd: string, args: string[], opts: RunOptions): Promise<RunResult> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peakBytes = 0;
    const cpu = new Map<number, number>();
    let timedOut = false;
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    const sample = () => {
      if (child.pid === undefined) return;
      let rss = 0;
      for (const [pid, st] of processTree(child.pid)) {
        rss += st.rssBytes;
        cpu.set(pid, st.cpuMs);
      }
      peakBytes = Math.max(peakBytes, rss);
    };
    sample();
    const sampler = setInterval(sample, SAMPLE_EVERY_MS);
    const killer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) killTree(child.pid);
    }, opts.timeoutMs);
    const finish = (code: number | null, signal: NodeJS.Signals | null, extra = '') => {
      clearInterval(sampler);
      clearTimeout(killer);
      resolve({
        ms: performance.now() - t0,
        peakBytes,
        cpuMs: [...cpu.values()].reduce((a, b) => a + b, 0),
        code,
        signal,
        timedOut,
        stdout,
        stderr: stderr + extra,
      });
    };
    child.on('error', (e) => finish(null, null, `\n${e.message}`));
    child.on('close', (code, signal) => finish(code, signal));
  });
}

/** A failed run in a few words: timeout, or the last meaningful line it printed. */
export function failureOf(r: RunResult): string | undefined {
  if (r.timedOut) return `timed out after ${Math.round(r.ms / 1000)} s`;
  if (r.code === 0) return undefined;
  // Warnings (`path  warning  …`) may mention errors too; stack frames say nothing.
  const lines = stripAnsi(`${r.stderr}\n${r.stdout}`)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^at /.test(l) && !/\swarning\s/.test(l));
  const last = lines.find((l) => /error|fail|cannot|not found/i.test(l)) ?? lines.at(-1) ?? '';
  const why = r.signal ? `killed by ${r.signal}` : `exit ${r.code}`;
  return `${why}${last ? `: ${last.slice(0, 120)}` : ''}`;
}

export function stripAnsi(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
}
