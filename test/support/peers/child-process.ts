import { spawn, type ChildProcess } from 'node:child_process';

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface StartedProcess {
  /** Everything written to stdout and stderr so far. */
  output(): string;
  readonly exited: Promise<ProcessExit>;
  /** Sends a signal to this PID only, and waits for the exit (SIGKILL after `graceMs`). */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<ProcessExit>;
  /** Resolves with the first match of `pattern` in the output; rejects on exit or after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray>;
}

export interface StartOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** Children still running: killed by PID if this test process exits first (a failed hook, a crash). */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Starts a peer program with piped output; never through a shell, so nothing but this PID is ever signalled. */
export function startProcess(command: string, args: readonly string[], options: StartOptions = {}): StartedProcess {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) {
    child.once('error', () => undefined); // Said by the throw below.
    throw new Error(`could not start ${command}: is it installed? (.ci/run installs the SIP peers)`);
  }
  running.add(child);
  let text = '';
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const listener of listeners) listener();
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  let done = false;
  // After a successful spawn, 'error' only means a signal could not be sent: the process is gone or going.
  child.on('error', () => undefined);
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('close', (code, signal) => {
      done = true;
      running.delete(child);
      for (const listener of listeners) listener();
      resolve({ code, signal });
    });
  });

  return {
    output: () => text,
    exited,
    async stop(signal = 'SIGTERM', graceMs = 5_000) {
      if (done) return exited;
      child.kill(signal);
      const timer = setTimeout(() => {
        if (!done) child.kill('SIGKILL');
      }, graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
    waitFor(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const finish = (error?: Error, match?: RegExpExecArray) => {
          listeners.delete(check);
          clearTimeout(timer);
          if (match) resolve(match);
          else reject(error);
        };
        const check = () => {
          const match = pattern.exec(text);
          if (match) finish(undefined, match);
          else if (done) finish(new Error(`${command} exited before printing ${pattern}:\n${text}`));
        };
        const timer = setTimeout(() => finish(new Error(`${command} did not print ${pattern} within ${timeoutMs} ms:\n${text}`)), timeoutMs);
        listeners.add(check);
        check();
      });
    },
  };
}

export interface RunResult extends ProcessExit {
  output: string;
}

/** Runs a program to completion; kills it (by PID) if it outlives `timeoutMs`, and then fails. */
export async function runProcess(command: string, args: readonly string[], timeoutMs: number, options: StartOptions = {}): Promise<RunResult> {
  const started = startProcess(command, args, options);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void started.stop('SIGKILL');
  }, timeoutMs);
  const exit = await started.exited.finally(() => clearTimeout(timer));
  if (timedOut) throw new Error(`${command} ${args.join(' ')} did not finish within ${timeoutMs} ms:\n${started.output()}`);
  return { ...exit, output: started.output() };
}
