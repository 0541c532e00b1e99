import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));
const WORKERS = fileURLToPath(new URL('./workers/', import.meta.url));

/**
 * A real child process running one of the TypeScript worker scripts from
 * source. Workers speak in lines on stdout (written synchronously, so a line
 * is in the pipe before the worker goes on) and take commands on stdin.
 */
export class Worker {
  readonly child: ChildProcessWithoutNullStreams;
  readonly lines: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  #stderr = '';
  #waiters = new Set<() => void>();

  constructor(script: string, args: readonly string[]) {
    this.child = spawn(
      process.execPath,
      ['--conditions=@afs/source', '--import', 'tsx', `${WORKERS}${script}`, ...args],
      { cwd: PACKAGE_ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      this.lines.push(line);
      for (const wake of this.#waiters) wake();
    });
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.#stderr += chunk.toString('utf8');
    });
    this.exited = new Promise((resolve) => {
      this.child.on('close', (code, signal) => {
        for (const wake of this.#waiters) wake();
        resolve({ code, signal });
      });
    });
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('worker did not start');
    return this.child.pid;
  }

  get stderr(): string {
    return this.#stderr;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Lines starting with `prefix`, without it. */
  linesOf(prefix: string): string[] {
    return this.lines
      .filter((l) => l.startsWith(`${prefix} `))
      .map((l) => l.slice(prefix.length + 1));
  }

  /** Resolve once `count` lines (in total) satisfy `test`; reject on exit or timeout. */
  async waitFor(test: (line: string) => boolean, count = 1, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.lines.filter(test).length >= count) return;
      const problem = this.lines.find((l) => l.startsWith('fatal '));
      if (problem !== undefined)
        throw new Error(`worker ${this.pid} failed: ${problem}\n${this.#stderr}`);
      if (!this.alive) {
        throw new Error(
          `worker ${this.pid} exited early:\n${this.lines.slice(-5).join('\n')}\n${this.#stderr}`,
        );
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(
          `worker ${this.pid} timed out:\n${this.lines.slice(-5).join('\n')}\n${this.#stderr}`,
        );
      }
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.#waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, Math.min(left, 1000));
        this.#waiters.add(wake);
      });
    }
  }

  waitForLine(exact: string, timeoutMs?: number): Promise<void> {
    return this.waitFor((line) => line === exact, 1, timeoutMs);
  }

  send(line: string): void {
    this.child.stdin.write(`${line}\n`);
  }

  /** Wait for a clean exit (code 0); anything else fails with the worker's output. */
  async finished(): Promise<void> {
    const { code, signal } = await this.exited;
    if (code !== 0) {
      throw new Error(
        `worker ${this.child.pid} ended with ${code ?? signal}:\n${this.lines.slice(-5).join('\n')}\n${this.#stderr}`,
      );
    }
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    this.child.kill(signal);
  }
}

/** Start workers and wait until each says `ready` (its imports are done), so they can start together. */
export async function startWorkers(
  count: number,
  script: string,
  args: (index: number) => string[],
): Promise<Worker[]> {
  const workers = Array.from({ length: count }, (_, i) => new Worker(script, args(i)));
  await Promise.all(workers.map((w) => w.waitForLine('ready')));
  return workers;
}
