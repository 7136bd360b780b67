import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** One peer tool printing one edition's HTML to PDF with our Chromium binary. */
export interface PeerCommand {
  cmd: string;
  args: string[];
  /** Added to the environment. */
  env: Record<string, string>;
}

export interface Peer {
  name: string;
  command: (html: string, outPdf: string) => PeerCommand;
}

export interface PeerSetup {
  repo: string;
  /** The Chromium the build uses (findBrowser). */
  executablePath: string;
  asRoot: boolean;
}

/**
 * pagedjs-cli 0.4.3 launches its own puppeteer 20: PUPPETEER_EXECUTABLE_PATH points that at our Chromium
 * (it never downloads one at run time); `--browserArgs` (comma separated) is appended to its launch args,
 * which is how --no-sandbox gets in when running as root. `--blockRemote`: local files only.
 */
function pagedjs(setup: PeerSetup): Peer {
  const bin = peerBin(setup.repo, 'pagedjs-cli');
  const browserArgs = setup.asRoot ? ['--browserArgs=--no-sandbox'] : [];
  return {
    name: 'pagedjs-cli',
    command: (html, outPdf) => ({
      cmd: bin,
      args: [html, '-o', outPdf, '--blockRemote', ...browserArgs],
      env: { PUPPETEER_EXECUTABLE_PATH: setup.executablePath, PUPPETEER_SKIP_DOWNLOAD: '1' },
    }),
  };
}

/**
 * @vivliostyle/cli 11: `--executable-browser` makes it launch our Chromium instead of resolving (and
 * downloading) one of its own; it launches without the sandbox unless `sandbox: true` is configured, so
 * root needs nothing more. `--single-doc`: this one HTML file, not a publication found by following links.
 */
function vivliostyle(setup: PeerSetup): Peer {
  const bin = peerBin(setup.repo, 'vivliostyle');
  return {
    name: 'vivliostyle',
    command: (html, outPdf) => ({
      cmd: bin,
      args: [
        'build',
        html,
        '-o',
        outPdf,
        '--single-doc',
        '--executable-browser',
        setup.executablePath,
        '--timeout',
        '300',
        '--log-level',
        'info',
      ],
      env: {},
    }),
  };
}

/**
 * The peers are not the pipeline's dependencies (with them, `npm ci` installed 1100 packages instead of 359):
 * bench/peer-tools/ declares them, with its own lockfile, and the bench installs them on its first run into
 * the repository's .cache/bench-peers/ (ignored by git, like the other things made there), not beside that
 * package: bench/ is source, and the bench's own scripts there would otherwise resolve packages such as
 * puppeteer-core from the peers' node_modules, another version than the build's.
 */
export const peerToolsDir = (repo: string) => path.join(repo, 'bench', 'peer-tools');
const installDir = (repo: string) => path.join(repo, '.cache', 'bench-peers');
const peerBin = (repo: string, name: string) => path.join(installDir(repo), 'node_modules', '.bin', name);
const PEER_BINS = ['pagedjs-cli', 'vivliostyle'];
/** What is copied from bench/peer-tools/ to where they are installed (the last keeps Puppeteer 20 from downloading a browser). */
const PEER_FILES = ['package.json', 'package-lock.json', '.puppeteerrc.cjs'];

/**
 * Install the peers (`npm ci` from bench/peer-tools/'s lockfile, in .cache/bench-peers/) unless they are there
 * from that same lockfile: a change to bench/peer-tools/ installs them again. npm's output goes to stderr (the
 * bench's report is stdout). Puppeteer's browser download (pagedjs-cli's Puppeteer 20) is skipped: the peers
 * print with the build's Chromium. Returns undefined when they are ready, or why they could not be installed.
 */
export function installPeers(repo: string, say: (line: string) => void): string | undefined {
  const [src, dir] = [peerToolsDir(repo), installDir(repo)];
  const same = (f: string) =>
    existsSync(path.join(dir, f)) && readFileSync(path.join(dir, f)).equals(readFileSync(path.join(src, f)));
  if (PEER_FILES.every(same) && PEER_BINS.every((b) => existsSync(peerBin(repo, b)))) return undefined;
  say(`installing the peer tools (${path.relative(repo, src)}/) into ${path.relative(repo, dir)}/ (npm ci, once)…`);
  mkdirSync(dir, { recursive: true });
  for (const f of PEER_FILES) copyFileSync(path.join(src, f), path.join(dir, f));
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: dir,
    stdio: ['ignore', 2, 2],
    env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1' },
  });
  if (r.error) return `npm ci in ${dir}: ${r.error.message}`;
  if (r.status !== 0) return `npm ci in ${dir} exited ${r.status ?? r.signal}`;
  const missing = PEER_BINS.filter((b) => !existsSync(peerBin(repo, b)));
  return missing.length ? `npm ci in ${dir} left no ${missing.join(', ')}` : undefined;
}

export function peers(setup: PeerSetup): Peer[] {
  return [pagedjs(setup), vivliostyle(setup)];
}
