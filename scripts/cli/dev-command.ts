import type { BuildOptions } from '../build.js';
import type { Diagnostic } from '../diagnostics/catalogue.js';
import { defaultFormats } from '../outputs/registry.js';
import type { BrowserHandle } from './browser-handle.js';
import { buildKey } from './build-command.js';

/** `npm run dev`: serve and rebuild until a signal; returns how to stop it. */
export async function devCommand(
  opts: BuildOptions,
  ctl: { port: number; pdfAfterS: number; browser: BrowserHandle; timeoutMs: number; print: (d: Diagnostic[]) => void },
): Promise<() => Promise<void>> {
  const { dev } = await import('../dev/dev-loop.js');
  const { browserFault } = await import('../browser/index.js');
  const fault = (e: unknown) =>
    browserFault(e, { ...ctl.browser.state, timeoutMs: ctl.timeoutMs, doing: 'during a rebuild' })?.message;
  const fullBuildKey = buildKey({ ...opts, langs: undefined, formats: defaultFormats, formatsByDefault: true });
  const server = await dev({
    build: { ...opts, langs: undefined },
    port: ctl.port,
    pdfAfterMs: ctl.pdfAfterS * 1000,
    print: ctl.print,
    fault,
    fullBuildKey,
  });
  return server.close;
}
