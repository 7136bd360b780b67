import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import type { DevResult } from './dev.js';
import { cpuBound, median, seconds, summarize, type Outcome, type Sample } from './samples.js';
import type { ScaleResult } from './scale.js';
import { scaleSection } from './scale-report.js';

export interface BenchResults {
  runs: number;
  cold: Sample[];
  unchanged: Sample[];
  dataEdit: Sample[];
  paragraphEdit: Sample[];
  /** Per cold run: every stage's total ms, parsed from the build's output. */
  coldStages: Record<string, number>[];
  floor: Sample[];
  /** bench/bare-floor.js: Node, one Chromium launch, page.pdf() per edition, nothing else. */
  bareFloor: Sample[];
  peers: { name: string; samples: Sample[] }[];
  dev: DevResult;
  /** Node to the build's first stage, through tsx (as before) and through bin/report.js (the compiled CLI). */
  startup: { tsx: Sample[]; compiled: Sample[] };
  scale: ScaleResult[];
  /** os.loadavg() when the bench started and ended (the machine may be shared). */
  load: { start: number[]; end: number[] };
  /** What the edit rows changed, for the reader. */
  edits: string[];
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  chromium: string;
}

/** Against the floor (bench/floor.ts), as before; and against the bare floor, issue #20's targets. */
const TARGET = { cold: 2.0, unchanged: 0.3, dataEdit: 1.5, devMs: 300 };
const BARE = { cold: 1.5, unchanged: 0.1 };
const MB = 1024 * 1024;

export function machineInfo(chromium: string): Machine {
  const cpus = os.cpus();
  let version = chromium;
  try {
    version =
      execFileSync(chromium, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
        .trim()
        .split('\n')[0] ?? chromium;
  } catch {
    // keep the path
  }
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus.length,
    memoryGb: os.totalmem() / 1024 ** 3,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium: version,
  };
}

export function describeMachine(m: Machine): string {
  return `${m.cpu} × ${m.cores}, ${m.memoryGb.toFixed(1)} GB RAM, ${m.os}, Node ${m.node}, ${m.chromium}`;
}

interface Row {
  measure: string;
  value: string;
  ratio: string;
  /** × the bare floor. */
  bare?: string;
  /** CPU time over every core (median). */
  cpu?: string;
  memory: string;
  target: string;
  /** ✓, ✗, or '' when there is no target; '?' when the target could not be judged. */
  verdict: string;
}

const megabytes = (bytes: number) => `${Math.round(bytes / MB)} MB`;
const tick = (ok: boolean) => (ok ? '✓' : '✗');

/** A time row against the floor and the bare floor, with optional "≤ k × floor" and "≤ k × bare floor" targets. */
function timeRow(
  measure: string,
  o: Outcome,
  floors: { floor?: number; bare?: number },
  max: { floor?: number; bare?: number } = {},
): Row {
  const targets = [
    max.floor !== undefined ? `≤ ${max.floor.toFixed(1)}× floor` : '',
    max.bare !== undefined ? `≤ ${max.bare.toFixed(1)}× bare floor` : '',
  ].filter(Boolean);
  const target = targets.join(', ') || '—';
  const judged = targets.length > 0;
  if (!o.ok) return { measure, value: `failed: ${o.why}`, ratio: '', memory: '', target, verdict: judged ? '?' : '' };
  const ratio = floors.floor ? o.ms / floors.floor : undefined;
  const bare = floors.bare ? o.ms / floors.bare : undefined;
  const checks = [
    max.floor !== undefined ? (ratio === undefined ? undefined : ratio <= max.floor) : true,
    max.bare !== undefined ? (bare === undefined ? undefined : bare <= max.bare) : true,
  ];
  const verdict = !judged ? '' : checks.includes(undefined) ? '?' : tick(checks.every(Boolean));
  const x = (r: number | undefined) => (r === undefined ? 'n/a' : `${r.toFixed(2)}×`);
  return {
    measure,
    value: seconds(o.ms),
    ratio: x(ratio),
    bare: x(bare),
    cpu: o.cpuMs ? seconds(o.cpuMs) : '',
    memory: o.peakBytes ? megabytes(o.peakBytes) : '',
    target,
    verdict,
  };
}

function printPdfRow(r: BenchResults, floorMs: number | undefined, bareMs: number | undefined): Row {
  const ours = median(r.coldStages.map((s) => s['print-pdf'] ?? NaN).filter((x) => !Number.isNaN(x)));
  const peers = r.peers.map((p) => ({ name: p.name, o: summarize(p.samples) }));
  const target = `< ${peers.map((p) => p.name).join(' and < ')}`;
  if (ours === undefined)
    return {
      measure: 'our print-pdf stage (cold)',
      value: 'n/a (no print-pdf lines)',
      ratio: '',
      memory: '',
      target,
      verdict: '?',
    };
  const judged = peers.map((p) => (p.o.ok ? `${tick(ours < p.o.ms)} vs ${p.name}` : `? vs ${p.name} (failed)`));
  const allOk = peers.every((p) => p.o.ok && ours < p.o.ms);
  const anyUnknown = peers.some((p) => !p.o.ok);
  return {
    measure: 'our print-pdf stage (cold)',
    value: seconds(ours),
    ratio: floorMs ? `${(ours / floorMs).toFixed(2)}×` : 'n/a',
    bare: bareMs ? `${(ours / bareMs).toFixed(2)}×` : 'n/a',
    memory: '',
    target,
    verdict: `${allOk ? '✓' : anyUnknown && !judged.some((j) => j.startsWith('✗')) ? '?' : '✗'} (${judged.join(', ')})`,
  };
}

function devRow(dev: DevResult): Row {
  const measure = 'dev: save → edit visible';
  const target = `≤ ${TARGET.devMs} ms`;
  if (dev.kind === 'na') return { measure, value: 'n/a (no dev command)', ratio: '', memory: '', target, verdict: '?' };
  if (dev.kind === 'failed')
    return { measure, value: `failed: ${dev.why}`, ratio: '', memory: '', target, verdict: '?' };
  const ms = median(dev.latenciesMs) ?? NaN;
  return { measure, value: `${Math.round(ms)} ms`, ratio: '', memory: '', target, verdict: tick(ms <= TARGET.devMs) };
}

function memoryRow(measure: string, samples: Sample[]): Row {
  const peak = Math.max(0, ...samples.map((s) => s.peakBytes));
  return { measure, value: '', ratio: '', memory: peak ? megabytes(peak) : 'n/a', target: '—', verdict: '' };
}

export function rows(r: BenchResults): Row[] {
  const floor = summarize(r.floor);
  const bare = summarize(r.bareFloor);
  const floors = { floor: floor.ok ? floor.ms : undefined, bare: bare.ok ? bare.ms : undefined };
  const builds = [...r.cold, ...r.unchanged, ...r.dataEdit, ...r.paragraphEdit];
  return [
    timeRow('floor: bare Chromium, both editions (floor.ts, through tsx, waiting for fonts)', floor, floors),
    timeRow('bare floor: Node, one Chromium launch, page.pdf() per edition (bare-floor.js)', bare, floors),
    timeRow('cold build (empty cache)', summarize(r.cold), floors, { floor: TARGET.cold, bare: BARE.cold }),
    timeRow('nothing changed', summarize(r.unchanged), floors, { floor: TARGET.unchanged, bare: BARE.unchanged }),
    timeRow('one data value edited', summarize(r.dataEdit), floors, { floor: TARGET.dataEdit }),
    timeRow('one paragraph edited', summarize(r.paragraphEdit), floors),
    timeRow('start-up: Node to first stage, tsx scripts/cli.ts (before)', summarize(r.startup.tsx), floors),
    timeRow('start-up: Node to first stage, bin/report.js (compiled)', summarize(r.startup.compiled), floors),
    printPdfRow(r, floors.floor, floors.bare),
    ...r.peers.map((p) => timeRow(`${p.name}, both editions`, summarize(p.samples), floors)),
    devRow(r.dev),
    memoryRow('peak memory, cold builds', r.cold),
    memoryRow('peak memory, all builds', builds),
  ];
}

export function table(rs: Row[]): string {
  const head =
    '| measure | median | × floor | × bare floor | CPU | peak memory | target | met |\n| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |';
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [
    head,
    ...rs.map(
      (x) =>
        `| ${[x.measure, x.value, x.ratio, x.bare ?? '', x.cpu ?? '', x.memory, x.target, x.verdict].map(esc).join(' | ')} |`,
    ),
  ].join('\n');
}

/** Median ms of each stage over the cold builds, in the order the build prints them. */
export function stageTable(coldStages: Record<string, number>[]): string {
  const names = [...new Set(coldStages.flatMap((s) => Object.keys(s)))];
  if (names.length === 0) return '';
  const lines = names.map((n) => `| ${n} | ${Math.round(median(coldStages.map((s) => s[n] ?? 0)) ?? 0)} |`);
  return ['| cold build stage | median ms |', '| --- | ---: |', ...lines].join('\n');
}

/** The targets not met, or not judged, one line each. */
export function misses(rs: Row[]): string[] {
  return rs
    .filter((x) => x.verdict.startsWith('✗') || x.verdict.startsWith('?'))
    .map(
      (x) =>
        `${x.verdict.startsWith('✗') ? 'MISSED' : 'NOT JUDGED'}: ${x.measure} — ${x.value || 'n/a'} ${x.ratio ? `(${x.ratio} floor) ` : ''}vs target ${x.target}`,
    );
}

export function fullReport(r: BenchResults, m: Machine, date: Date): string {
  const rs = rows(r);
  const scale = scaleSection(r.scale, m.cores);
  const bound = cpuBound('the cold build', summarize(r.cold), summarize(r.bareFloor), m.cores, BARE.cold);
  const missed = [...misses(rs), ...scale.misses];
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
  return [
    `Date: ${date.toISOString().slice(0, 16).replace('T', ' ')} UTC — median of ${r.runs} run(s) each; floors and builds interleaved run by run`,
    `Machine: ${describeMachine(m)}`,
    `Load average (1, 5, 15 min): ${load(r.load.start)} at the start, ${load(r.load.end)} at the end`,
    `Edits: ${r.edits.join('; ')}`,
    '',
    table(rs),
    ...(bound ? ['', bound] : []),
    '',
    stageTable(r.coldStages),
    ...(scale.text ? ['', scale.text] : []),
    '',
    missed.length ? missed.map((x) => `- ${x}`).join('\n') : 'All targets met.',
  ].join('\n');
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/** Replace what stands between the bench markers of a README (or append the markers). */
export function writeReadme(file: string, body: string): void {
  const text = readFileSync(file, 'utf8');
  const block = `${START}\n${body}\n${END}`;
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  const next =
    a >= 0 && b > a ? text.slice(0, a) + block + text.slice(b + END.length) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}
