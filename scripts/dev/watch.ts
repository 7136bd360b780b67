import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';

/** The watcher of a report: chokidar's, with `ready` once the first scan is done. */
export type Watcher = FSWatcher & { ready: Promise<void> };

/** Editors' temporary and backup files, and hidden files (".#x.md" lock links, ".x.swp"): not the report's. */
const ignoredName = /(^|[/\\])\.|~$|\.swp$|\.tmp$/;

/**
 * Watch files and folders of a report for saves (chokidar: each folder is
 * watched itself, so a save that writes a temporary file and renames it over
 * the old one — `sed -i`, "safe write" editors — is seen every time; folders
 * created later are watched as they appear). `change` gets the path relative
 * to `root`; `error` gets what the system refused (out of inotify watches,
 * a folder that cannot be read), so the caller can say so and keep serving.
 */
export function watchTree(
  root: string,
  parts: string[],
  on: { change: (rel: string) => void; error: (e: Error) => void },
): Watcher {
  // The root is watched, with everything but `parts` ignored: a part created later (data/) is seen too,
  // and chokidar is never given a path that does not exist (its first scan then ends too early).
  const ignored = (abs: string) => {
    const rel = path.relative(root, abs);
    if (rel === '' || rel.startsWith('..')) return false;
    return !parts.includes(rel.split(path.sep)[0]!) || ignoredName.test(rel);
  };
  const watcher = watch(root, { ignoreInitial: true, ignored }) as Watcher;
  const changed = (abs: string) => on.change(path.relative(root, abs).split(path.sep).join('/'));
  watcher.on('add', changed).on('change', changed).on('unlink', changed).on('unlinkDir', changed);
  watcher.on('error', (e) => on.error(e instanceof Error ? e : new Error(String(e))));
  watcher.ready = new Promise((resolve) => watcher.once('ready', () => resolve()));
  return watcher;
}
