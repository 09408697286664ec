import { OpenAiError } from '../../../shared/openai/openai-error';

/**
 * Lets a bounded number of API requests generate at once and a bounded number wait their turn, in order;
 * beyond that a request is refused with 429 at once. A waiting request whose client leaves gives up its
 * place. A finished request hands its turn straight to the next waiting one, so a newcomer can never
 * slip in between and make one too many.
 */
export class GenerationGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly maxRunning: number,
    private readonly maxWaiting: number,
  ) {}

  /** Waits for a turn; resolves with the function that ends it. */
  async enter(signal: AbortSignal): Promise<() => void> {
    if (signal.aborted) throw new DOMException('the client left', 'AbortError');
    if (this.running < this.maxRunning) this.running++;
    else await this.queue(signal);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    };
  }

  private queue(signal: AbortSignal): Promise<void> {
    if (this.waiting.length >= this.maxWaiting) {
      throw new OpenAiError(
        429, 'rate_limit_error', 'too_many_requests',
        `the studio is already answering ${this.running} requests with ${this.waiting.length} waiting: retry when one has finished`,
      );
    }
    return new Promise<void>((resolve, reject) => {
      const turn = (): void => {
        signal.removeEventListener('abort', leave);
        resolve();
      };
      const leave = (): void => {
        this.waiting.splice(this.waiting.indexOf(turn), 1);
        reject(new DOMException('the client left while waiting', 'AbortError'));
      };
      this.waiting.push(turn);
      signal.addEventListener('abort', leave, { once: true });
    });
  }
}
