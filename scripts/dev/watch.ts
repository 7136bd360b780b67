import path from 'node:path';
import { existsSync, readdirSync, statSync, watch, type FSWatcher } from 'node:fs';

/**
 * Watch files and folders of a report for saves. Every folder is watched
 * itself (not each file, as Node's recursive watch does on Linux), so a file
 * saved by writing a temporary file and renaming it over the old one — as
 * `sed -i` and many editors do — is still seen, the first time and every time
 * after. Folders created later are watched as they appear.
 * `onChange` gets the path relative to `root`.
 */
export function watchTree(root: string, parts: string[], onChange: (rel: string) => void): { close: () => void } {
  const watchers = new Map<string, FSWatcher>();
  const files = new Set(parts.filter((p) => existsSync(path.join(root, p)) && !statSync(path.join(root, p)).isDirectory()));
  const watchDir = (dir: string, only?: Set<string>) => {
    if (watchers.has(dir)) return;
    let w: FSWatcher;
    try {
      w = watch(dir, (_event, name) => {
        if (!name) return;
        const abs = path.join(dir, String(name));
        const rel = path.relative(root, abs);
        if (only && !only.has(rel)) return;
        if (/(^|\/)\.|~$|\.swp$|\.tmp$/.test(rel)) return;
        // (a temporary file may be renamed away between the event and this look at it)
        if (!only && statSync(abs, { throwIfNoEntry: false })?.isDirectory()) watchAll(abs);
        onChange(rel);
      });
    } catch {
      return; // gone meanwhile
    }
    watchers.set(dir, w);
  };
  const watchAll = (dir: string) => {
    watchDir(dir);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // removed meanwhile
    }
    for (const e of entries) if (e.isDirectory() && !e.name.startsWith('.')) watchAll(path.join(dir, e.name));
  };
  for (const p of parts) {
    const abs = path.join(root, p);
    if (existsSync(abs) && statSync(abs).isDirectory()) watchAll(abs);
  }
  if (files.size) watchDir(root, files);
  return {
    close: () => {
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
}
