/**
 * Progress for the seed: a redrawn bar with counts and rates on a terminal, plain lines otherwise
 * (CI logs, pipes).
 */
export class Progress {
  private readonly tty = !!process.stderr.isTTY;
  private started = Date.now();
  private done = 0;
  private lastLine = 0;

  constructor(
    private label: string,
    private total: number,
  ) {}

  static stage(label: string, total: number): Progress {
    return new Progress(label, total);
  }

  add(n: number): void {
    this.done += n;
    const now = Date.now();
    if (this.tty) {
      if (now - this.lastLine > 100) {
        this.lastLine = now;
        process.stderr.write(`\r${this.render()}`);
      }
    } else if (now - this.lastLine > 2000) {
      this.lastLine = now;
      process.stderr.write(`${this.render()}\n`);
    }
  }

  finish(): void {
    process.stderr.write(`${this.tty ? '\r' : ''}${this.render()}${this.tty ? '\n' : '\n'}`);
  }

  private render(): string {
    const seconds = Math.max((Date.now() - this.started) / 1000, 0.001);
    const fraction = this.total ? Math.min(this.done / this.total, 1) : 1;
    const width = 28;
    const filled = Math.round(fraction * width);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
    const rate = Math.round(this.done / seconds);
    return `${this.label.padEnd(26)} ${bar} ${String(this.done).padStart(9)}/${String(this.total).padEnd(9)} ${String(rate).padStart(8)} rows/s ${seconds.toFixed(1)}s`;
  }
}
