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
  const bin = path.join(setup.repo, 'node_modules', '.bin', 'pagedjs-cli');
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
  const bin = path.join(setup.repo, 'node_modules', '.bin', 'vivliostyle');
  return {
    name: 'vivliostyle',
    command: (html, outPdf) => ({
      cmd: bin,
      args: ['build', html, '-o', outPdf, '--single-doc', '--executable-browser', setup.executablePath, '--timeout', '300', '--log-level', 'info'],
      env: {},
    }),
  };
}

export function peers(setup: PeerSetup): Peer[] {
  return [pagedjs(setup), vivliostyle(setup)];
}
