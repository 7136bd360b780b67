import type { OutputWriter } from '../outputs/format.js';
import { copyFile, writeFile, writeFonts, writeLater, type Staging } from '../stages/write-output.js';

/** Where the outputs write: the staging folder, through write-output. */
export function writerFor(staging: Staging): OutputWriter {
  return {
    dir: staging.dir,
    write: (rel, content) => void writeFile(staging, rel, content),
    writeLater: (rel, content) => writeLater(staging, rel, content),
    copy: (rel, from) => copyFile(staging, rel, from),
    fonts: (folder, fonts) => writeFonts(staging, folder, fonts),
  };
}
