import { BuildFailed, EnvironmentError, formatDiagnostic, type Diagnostic } from '../diagnostics/catalogue.js';
import type { BrowserHandle } from './browser-handle.js';

export function print(diags: Diagnostic[]): void {
  for (const d of diags) (d.severity === 'error' ? console.error : console.warn)(formatDiagnostic(d));
}

/**
 * A command that threw, said in as few lines as it takes, and its exit code: the catalogue's lines for bad
 * input (1), one line for a browser fault or a problem with the machine (1), and — only for a bug — an
 * internal error (70; its stack with --verbose). `fault` is set when the browser is to blame.
 */
export async function reportFailure(
  e: unknown,
  ctx: { command: string; verbose: boolean; browser: BrowserHandle; timeoutMs: number; lastStage: string },
): Promise<{ code: number; fault: boolean }> {
  if (e instanceof BuildFailed) {
    print(e.diagnostics);
    const n = e.diagnostics.filter((d) => d.severity === 'error').length;
    console.error(
      `${ctx.command} failed: ${n} error(s); ${ctx.command === 'build' ? 'the previous output is unchanged' : 'see above'}`,
    );
    return { code: 1, fault: false };
  }
  const { browserFault, browserActivity, disconnection } = await import('../browser/index.js');
  const classify = () =>
    browserFault(e, { ...ctx.browser.state, timeoutMs: ctx.timeoutMs, doing: browserActivity(ctx.lastStage) });
  let fault = classify();
  // A page can fail as Chromium dies, before the end of the connection is read (its frames already gone): wait
  // a moment for that end before calling the error anything else.
  if (!fault && ctx.browser.launched?.connected)
    fault = (await disconnection(ctx.browser.launched, 500)) ? classify() : undefined;
  if (fault) {
    if (ctx.verbose) console.error(e);
    console.error(fault.message);
    return { code: 1, fault: true };
  }
  if (e instanceof EnvironmentError) {
    console.error(e.message);
    return { code: 1, fault: false };
  }
  if (ctx.verbose) console.error(e);
  else console.error(`internal error: ${(e as Error).message} (run with --verbose for details)`);
  return { code: 70, fault: false };
}
