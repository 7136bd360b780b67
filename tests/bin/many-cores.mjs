// Preloaded (node --import) by chart-threads.test.ts: this process and its worker threads see 8 cores, and each
// worker thread started is named on stderr, so that a 2-core test machine runs the chart worker threads.
import os from 'node:os';
import threads from 'node:worker_threads';
import { syncBuiltinESMExports } from 'node:module';

os.availableParallelism = () => 8;
const Worker = threads.Worker;
threads.Worker = class extends Worker {
  constructor(entry, options) {
    super(entry, options);
    process.stderr.write(
      `[many-cores] worker thread: ${entry instanceof URL ? entry.href : String(entry).slice(0, 200)}\n`,
    );
  }
};
syncBuiltinESMExports();
