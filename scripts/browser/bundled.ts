/**
 * The Chromium that comes with `npm install`: the optional dependency @sparticuz/chromium carries a headless
 * Linux x64 Chromium compressed with Brotli (bin/chromium.br) and the NSS and expat libraries it links against
 * (bin/al2023.tar.br). We unpack them ourselves, once, into `<cacheDir>/chromium/<version>/` — the
 * package's own `executablePath()` unpacks into the shared temp folder and treats a folder that exists as
 * complete, so a second build starting meanwhile could launch half a browser. Here the files go into a
 * temporary folder beside the final one, which is renamed into place only when everything is written.
 *
 * Of the package's other files, its one font (Open Sans, bin/fonts.tar.br) is unpacked too, with a fontconfig
 * file of ours that lists it alone: Chromium stops answering mid-print when fontconfig finds no font at all,
 * which is what a machine without fonts installed gives it. The browser then sees that font and no system one,
 * on every machine: what it prints here is what it prints there (the pages use the report's own fonts; the
 * end-to-end test checks that every font in the PDFs is one of them). SwiftShader (WebGL) stays packed: the
 * build runs the browser with the GPU off.
 */
import {
  chmodSync,
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import { extract } from 'tar';

export const BUNDLED_PACKAGE = '@sparticuz/chromium';

/** Where the bundled browser runs at all: the package ships a Linux x64 build only. */
export const bundledRunsOn = (platform: string, arch: string): boolean => platform === 'linux' && arch === 'x64';

export interface BundledChromium {
  executablePath: string;
  /** The package's version (its major is Chromium's). */
  version: string;
  /** What the browser process needs in its environment: its libraries and its fontconfig file. */
  env: Record<string, string>;
  /** Milliseconds this call spent unpacking it; undefined when it was unpacked already. */
  unpackedMs?: number;
}

/** The installed package's bin/ folder and version; undefined when npm left the optional dependency out. */
function installedPackage(): { binDir: string; version: string } | undefined {
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(BUNDLED_PACKAGE); // <package>/build/cjs/index.cjs
  } catch {
    return undefined;
  }
  const dir = path.resolve(path.dirname(entry), '..', '..');
  const { version } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string };
  return { binDir: path.join(dir, 'bin'), version };
}

/** Fonts from the folder beside this file only: none of the machine's. */
const FONTCONFIG_XML = `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig><dir prefix="relative">fonts</dir></fontconfig>
`;

/** The files of an unpacked browser, relative to its folder. */
const EXECUTABLE = 'chromium';
const LIBS = 'lib';
const FONTCONFIG = 'fonts.conf';

const complete = (dir: string) =>
  [EXECUTABLE, path.join(LIBS, 'libnss3.so'), 'fonts', FONTCONFIG].every((f) => existsSync(path.join(dir, f)));

/**
 * The bundled Chromium, unpacked into `<cacheDir>/chromium/<version>/` on first use; undefined where the
 * package is not installed. `env` is the build's environment, to which the browser's own is added.
 * Throws (an fs error) when it cannot be unpacked: no space, no permission.
 */
export async function bundledChromium(cacheDir: string, env: NodeJS.ProcessEnv): Promise<BundledChromium | undefined> {
  const pkg = installedPackage();
  if (!pkg) return undefined;
  const root = path.join(cacheDir, 'chromium');
  const dir = path.join(root, pkg.version);
  let unpackedMs: number | undefined;
  if (!complete(dir)) {
    const t0 = performance.now();
    await unpack(pkg.binDir, root, dir);
    unpackedMs = performance.now() - t0;
  }
  const libPath = [path.join(dir, LIBS), ...(env.LD_LIBRARY_PATH ? [env.LD_LIBRARY_PATH] : [])].join(path.delimiter);
  return {
    executablePath: path.join(dir, EXECUTABLE),
    version: pkg.version,
    env: { LD_LIBRARY_PATH: libPath, FONTCONFIG_FILE: path.join(dir, FONTCONFIG) },
    unpackedMs,
  };
}

/** Unpack into a temporary folder under `root`, then rename it to `dir`; a build that got there first wins. */
async function unpack(binDir: string, root: string, dir: string): Promise<void> {
  mkdirSync(root, { recursive: true });
  if (complete(dir)) return; // another build has just put it there
  // The folder only ever appears complete (by rename): one that is not was damaged by hand, and is replaced.
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  const tmp = mkdtempSync(path.join(root, `.unpack-${process.pid}-`));
  chmodSync(tmp, 0o755);
  try {
    await pipeline(
      createReadStream(path.join(binDir, 'chromium.br')),
      createBrotliDecompress(),
      createWriteStream(path.join(tmp, EXECUTABLE), { mode: 0o755 }),
    );
    for (const archive of ['al2023.tar.br', 'fonts.tar.br']) {
      await pipeline(
        createReadStream(path.join(binDir, archive)),
        createBrotliDecompress(),
        extract({ cwd: tmp, strict: true, preserveOwner: false }),
      );
    }
    writeFileSync(path.join(tmp, FONTCONFIG), FONTCONFIG_XML); // (replaces the package's, which lists Lambda's folders)
    try {
      renameSync(tmp, dir);
    } catch (e) {
      // Another build renamed its own copy into place first: use that one.
      if (!['ENOTEMPTY', 'EEXIST'].includes((e as NodeJS.ErrnoException).code ?? '') || !complete(dir)) throw e;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  sweep(root, path.basename(dir));
}

/** Remove other versions (left by an earlier install) and unpacking folders whose process is gone. */
function sweep(root: string, keep: string): void {
  for (const name of readdirSync(root)) {
    const pid = /^\.unpack-(\d+)-/.exec(name)?.[1];
    if (name === keep || (pid !== undefined && isRunning(Number(pid)))) continue;
    rmSync(path.join(root, name), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
