/**
 * Keeps several token loops in step, so their next-token requests reach node-llama-cpp in the same tick
 * and its batching decodes them together. Without it, each lane's sampling finishes at a slightly
 * different moment and the lanes fall into separate decodes (two replies then cost twice one). A lane
 * that finishes leaves, and the others stop waiting for it.
 */
export class Lockstep {
  private waiting: (() => void)[] = [];

  constructor(private parties: number) {}

  private releaseIfComplete(): void {
    if (this.waiting.length === 0 || this.waiting.length < this.parties) return;
    const waiting = this.waiting;
    this.waiting = [];
    for (const resume of waiting) resume();
  }

  /** Resolves once every lane still running has arrived. */
  arrive(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.releaseIfComplete();
    });
  }

  /** A lane is done (stopped, finished or failed): the others go on without it. */
  leave(): void {
    this.parties--;
    this.releaseIfComplete();
  }
}
