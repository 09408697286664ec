// Speed and time-left for long transfers, smoothed over a sliding window so the numbers a user reads
// do not jump with every network hiccup.

/** Tracks bytes over time; `now` is injectable so tests need no clock. */
export class TransferRate {
  private samples: Array<{ t: number; bytes: number }> = [];

  constructor(private readonly windowMs = 5000) {}

  /** Records the running total of bytes at time `t` (ms). */
  add(t: number, bytes: number): void {
    this.samples.push({ t, bytes });
    while (this.samples.length > 2 && t - this.samples[0]!.t > this.windowMs) this.samples.shift();
  }

  /** Bytes per second over the window; 0 until two samples exist. */
  bytesPerSecond(): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.t <= first.t) return 0;
    return ((last.bytes - first.bytes) * 1000) / (last.t - first.t);
  }

  /** Seconds left for `remaining` bytes, or null while the speed is unknown. */
  etaSeconds(remaining: number): number | null {
    const rate = this.bytesPerSecond();
    return rate > 0 ? Math.ceil(remaining / rate) : null;
  }
}
