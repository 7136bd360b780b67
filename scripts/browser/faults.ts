/** Browser faults as catalogue lines: a launch that fails, a crash or a hang mid-build. */
import { ProtocolError, TimeoutError, type Browser } from 'puppeteer-core';
import { EnvironmentError, catalogue, formatDiagnostic, type Rule } from '../diagnostics/catalogue.js';

/**
 * A browser failure in the middle of the build, as the one line the CLI prints:
 * `[browser-crashed]` when the browser went away (killed, crashed, connection
 * lost: Target/Session/Connection closed, or the `disconnected` event was seen);
 * `[browser-timeout]` when a protocol call, navigation or print took longer than
 * the bound. Anything else — including launch failures, which launchBrowser has
 * already turned into EnvironmentErrors — gives undefined.
 * `doing` completes the sentence: "while printing the PDF".
 */
export function browserFault(
  e: unknown,
  info: { executablePath: string; timeoutMs: number; doing: string; disconnected?: boolean },
): EnvironmentError | undefined {
  if (!(e instanceof Error) || e instanceof EnvironmentError) return undefined;
  const message = e.message;
  const late = timedOut(e);
  const gone =
    /Target closed|Session closed|Connection closed|Target crashed|Page crashed|browser has disconnected|WebSocket is not open/i.test(
      message,
    );
  if (
    gone ||
    (info.disconnected &&
      (late ||
        e instanceof ProtocolError ||
        /Protocol error|detached|context was destroyed|main frame too early/i.test(message)))
  ) {
    return fault('browser-crashed', info.executablePath, [info.doing]);
  }
  if (late) return fault('browser-timeout', info.executablePath, [info.doing, seconds(info.timeoutMs)]);
  return undefined;
}

/** Whether `e` says the browser did not answer in time: a call, a navigation, a print or a wait past its bound. */
export function timedOut(e: unknown): boolean {
  return (
    e instanceof TimeoutError ||
    (e instanceof Error && /timed out|timeout of \d+ ?ms exceeded|Timed out after/i.test(e.message))
  );
}

/** What the browser was doing, from the last stage that finished: it renders the charts, then prints the PDFs. */
export function browserActivity(lastStage: string): string {
  const beforeCharts = [
    '',
    'load-config',
    'load-templates',
    'load-data',
    'load-content',
    'render-markdown',
    'check-parity',
  ];
  return beforeCharts.includes(lastStage) ? 'while rendering the charts' : 'while printing the PDF';
}

/** Why the browser did not start, as one line (Puppeteer's message has the browser's stderr after it). */
export function startFault(e: unknown, executablePath: string, timeout: number): EnvironmentError {
  const message = (e as Error)?.message ?? String(e);
  if (e instanceof TimeoutError || /timed out/i.test(message)) {
    return fault(
      'browser-start',
      executablePath,
      [`no answer within ${seconds(timeout)} s`],
      ['; on a slow machine raise --browser-timeout'],
    );
  }
  if (/Target closed|Connection closed|Session closed/i.test(message)) {
    return fault('browser-start', executablePath, ['it exited as soon as it started'], ['; run it by hand to see why']);
  }
  const code = /Failed to launch the browser process:\s*Code:\s*(\S+)/.exec(message)?.[1];
  if (code !== undefined) {
    const stderr = /\nstderr:\n([\s\S]*?)\n\n/
      .exec(message)?.[1]
      ?.split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .pop();
    const said = stderr ? `, saying "${stderr.length > 160 ? `${stderr.slice(0, 160)}…` : stderr}"` : '';
    return fault('browser-start', executablePath, [`it exited at once (code ${code})${said}`], ['']);
  }
  return fault(
    'browser-start',
    executablePath,
    [message.split('\n')[0]!.replace(/^Failed to launch the browser process:\s*/, '')],
    [''],
  );
}

/** One catalogue line (`<browser>  error  what — what to do  [rule]`) as an EnvironmentError. */
export function fault(rule: Rule, executablePath: string, args: string[], hintArgs: string[] = []): EnvironmentError {
  const entry = catalogue[rule] as { message: (...a: string[]) => string; hint?: (...a: string[]) => string };
  return new EnvironmentError(
    formatDiagnostic({
      file: executablePath,
      severity: 'error',
      rule,
      message: entry.message(...args),
      hint: entry.hint?.(...hintArgs),
    }),
  );
}

export const seconds = (ms: number) => String(Math.round(ms / 100) / 10);

/** Whether the browser disconnects (its `disconnected` event) within `ms`. */
export function disconnection(b: Browser, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    b.once('disconnected', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
