import path from 'node:path';
import type { BuildOptions } from '../build.js';
import type { Diagnostic } from '../diagnostics/catalogue.js';
import { serve } from './static-server.js';
import { watchTree } from './watch.js';
import { Rebuilder, type RebuildKind } from './rebuild.js';

/**
 * `npm run dev`: build the quick formats (HTML) of both editions, serve the output folder on localhost with
 * live reload, and rebuild them on every save under content/, data/, templates/ and report.yaml. The slow
 * formats (the PDFs) are brought up to date after a quiet period (no save for `pdfAfterMs`), so typing never
 * waits for Chromium to print.
 */
export interface DevOptions {
  build: BuildOptions;
  port: number;
  pdfAfterMs: number;
  print: (diags: Diagnostic[]) => void;
  /** A browser fault (crash, hang) as the one line to print, or undefined for anything else. */
  fault?: (e: unknown) => string | undefined;
  /** Options that go into the inputs hash of a full build (the same as `npm run build` uses). */
  fullBuildKey: unknown;
}

export interface DevServer {
  url: string;
  close: () => Promise<void>;
}

const watched = ['content', 'data', 'templates', 'images', 'assets', 'report.yaml'];

export async function dev(opts: DevOptions): Promise<DevServer> {
  const { root, outDir, log } = opts.build;
  const rebuilder = new Rebuilder(opts);
  await rebuilder.run('each-save');
  const server = await serve(outDir, { port: opts.port, liveReload: true });
  const queue = new RebuildQueue(rebuilder, opts.pdfAfterMs, () => server.reload(), log);
  queue.idleLater();
  let saveTimer: NodeJS.Timeout | undefined;
  const watcher = watchTree(root, watched, {
    change: (rel) => {
      rebuilder.changed.add(rel);
      queue.saved();
      // Editors write a file in more than one step: wait for the last one.
      clearTimeout(saveTimer);
      saveTimer = setTimeout(() => queue.schedule('each-save'), 15);
    },
    // (ENOSPC: the system's limit of inotify watches; the server goes on serving the last build)
    error: (e) => {
      const folder = path.relative(process.cwd(), root) || '.';
      const hint = /ENOSPC/.test(e.message) ? ' — raise fs.inotify.max_user_watches' : '';
      log(`dev: watching ${folder} failed: ${e.message}${hint}; saves may go unseen until dev is restarted`);
    },
  });
  await watcher.ready;
  const pages = `${server.url}zh/index.html, ${server.url}en/index.html`;
  const pdfs = `PDFs rebuilt after ${opts.pdfAfterMs / 1000} s without changes`;
  log(`dev: serving ${server.url} — ${pages}; watching ${watched.join(', ')}; ${pdfs}`);
  return {
    url: server.url,
    close: async () => {
      clearTimeout(saveTimer);
      await watcher.close();
      await queue.close();
      await server.close();
    },
  };
}

/**
 * One rebuild at a time: a save during a rebuild runs another after it (a save's rebuild before an idle one),
 * and a save sets a full build in progress aside. After a save's rebuild that succeeded, the full build
 * follows once no save has come for the quiet period.
 */
class RebuildQueue {
  private running: Promise<void> | undefined;
  private again: RebuildKind | undefined;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly rebuilder: Rebuilder,
    private readonly quietMs: number,
    private readonly reload: () => void,
    private readonly log: (line: string) => void,
  ) {}

  /** A file was saved: the full build waits, and one in progress is set aside. */
  saved(): void {
    clearTimeout(this.idleTimer);
    this.rebuilder.abort();
  }

  idleLater(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.schedule('when-idle'), this.quietMs);
  }

  schedule(kind: RebuildKind): void {
    if (this.running) {
      if (this.again !== 'each-save') this.again = kind;
      return;
    }
    this.running = this.drain(kind)
      .catch((e: unknown) => this.log(`internal error: ${(e as Error).message}`))
      .finally(() => {
        this.running = undefined;
      });
  }

  private async drain(first: RebuildKind): Promise<void> {
    for (let next: RebuildKind | undefined = first; next; next = this.again) {
      this.again = undefined;
      const ok = await this.rebuilder.run(next);
      if (ok) this.reload();
      if (ok && next === 'each-save') this.idleLater();
    }
  }

  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    this.rebuilder.abort();
    await this.running;
  }
}
