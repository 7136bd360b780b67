import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { killTree, runMeasured, type RunResult } from './proc.js';
import { toSample, type Sample } from './samples.js';
import type { Workspace } from './workspace.js';

/** The child processes the bench times: builds (as `npm run build` runs them), the floors, start-up. */

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const LAUNCHER = path.join(REPO, 'bin', 'report.js');
const RUN_TIMEOUT_MS = 10 * 60_000;

export interface Env {
  ws: Workspace;
  executablePath: string;
  asRoot: boolean;
}

/** Every child gets the same Chromium and a TMPDIR inside the workspace. */
export function childEnv(env: Env, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...base, PUPPETEER_EXECUTABLE_PATH: env.executablePath, TMPDIR: env.ws.tmp };
}

export function nodeTsx(script: string, args: string[], env: Env): Promise<RunResult> {
  return runMeasured(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: REPO,
    timeoutMs: RUN_TIMEOUT_MS,
    env: childEnv(env),
  });
}

/** A build of the report at `root`, as `npm run build` runs it (bin/report.js: the compiled CLI). */
export function build(env: Env, root: string, extra: string[] = []): Promise<RunResult> {
  return runMeasured(process.execPath, [LAUNCHER, 'build', '--root', root, ...extra], {
    cwd: REPO,
    timeoutMs: RUN_TIMEOUT_MS,
    env: childEnv(env),
  });
}

/** The floor as it always was: bench/floor.ts through tsx, with the pipeline's browser modules, waiting for fonts. */
export async function floor(env: Env, htmls: string[]): Promise<Sample> {
  if (!htmls.length) return { ms: 0, peakBytes: 0, failure: 'no built HTML' };
  return toSample(await nodeTsx(path.join(REPO, 'bench', 'floor.ts'), [env.ws.scratch, ...htmls], env));
}

/** The bare floor: bench/bare-floor.js, plain Node + Puppeteer, one launch, every edition printed at once. */
export async function bareFloor(env: Env, htmls: string[]): Promise<Sample> {
  if (!htmls.length) return { ms: 0, peakBytes: 0, failure: 'no built HTML' };
  const args = [path.join(REPO, 'bench', 'bare-floor.js'), env.ws.scratch, env.executablePath, ...htmls];
  return toSample(
    await runMeasured(process.execPath, args, { cwd: REPO, timeoutMs: RUN_TIMEOUT_MS, env: childEnv(env) }),
  );
}

const STAGE_LINE = /^([a-z][\w-]*)\s+(\d+) ms$/m;

/**
 * Node to first stage: from spawning `node <args>` to the moment the build's first stage started (the time its
 * `stage  N ms` line is read, less N). The child is killed there: what follows is not start-up.
 */
export function toFirstStage(nodeArgs: string[], env: Env): Promise<Sample> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, nodeArgs, {
      cwd: REPO,
      env: childEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let done = false;
    const finish = (s: Sample) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (child.pid !== undefined) killTree(child.pid);
      resolve(s);
    };
    const timer = setTimeout(() => finish({ ms: 0, peakBytes: 0, failure: 'no stage line within 120 s' }), 120_000);
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString('utf8');
      const m = STAGE_LINE.exec(out);
      if (m) finish({ ms: performance.now() - t0 - Number(m[2]), peakBytes: 0 });
    });
    child.stderr.resume();
    child.on('close', (code) =>
      finish({ ms: 0, peakBytes: 0, failure: `exited (code ${code}) before its first stage` }),
    );
  });
}

/** `build --force --format html` of the copy into scratch, through tsx (as before) or bin/report.js (now). */
export function startupArgs(env: Env, via: 'tsx' | 'compiled'): string[] {
  const cli = via === 'tsx' ? ['--import', 'tsx', path.join(REPO, 'scripts', 'cli.ts')] : [LAUNCHER];
  return [
    ...cli,
    'build',
    '--root',
    env.ws.root,
    '--out',
    path.join(env.ws.scratch, 'startup-out'),
    '--force',
    '--format',
    'html',
  ];
}
