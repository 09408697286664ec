import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { StudioError } from '../../../../shared/contract/errors';
import { ensureStudioTools } from '../../native/studio-tools';

// Quantises an unquantised GGUF with llama.cpp's own llama-quantize, built with the studio's native tools
// (cached) or taken from STUDIO_LLAMA_QUANTIZE (packaged apps ship a prebuilt one). It runs as a
// child process: a crash in it never takes the studio down, and cancelling is a signal.

/** Quantisation types offered for CharacterGLM (llama-quantize's names). */
export type QuantType = 'Q4_K_M' | 'Q8_0';

/** Where llama-quantize is; builds it once (minutes) when it is not cached yet. */
export async function quantizerPath(log: (line: string) => void = () => undefined): Promise<string> {
  if (process.env.STUDIO_LLAMA_QUANTIZE) return process.env.STUDIO_LLAMA_QUANTIZE;
  return (await ensureStudioTools(['llama-quantize'], log))['llama-quantize']!;
}

/** Runs llama-quantize from `input` to `output`, reporting tensors done; kills it on abort. */
export async function quantizeGguf(
  input: string,
  output: string,
  type: QuantType,
  options: { threads?: number; signal?: AbortSignal; onProgress?: (done: number, count: number, tensor: string) => void; exe?: string } = {},
): Promise<void> {
  const exe = options.exe ?? (await quantizerPath());
  options.signal?.throwIfAborted();
  const threads = String(options.threads ?? Math.max(1, availableParallelism()));
  await new Promise<void>((resolve, reject) => {
    const child = spawn(exe, [input, output, type, threads], { stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    let pending = '';
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString();
      tail = (tail + text).slice(-3000);
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^\[\s*(\d+)\/\s*(\d+)\]\s+(\S+)/.exec(line);
        if (m) options.onProgress?.(Number(m[1]), Number(m[2]), m[3]!);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const abort = (): void => {
      child.kill('SIGTERM');
    };
    options.signal?.addEventListener('abort', abort, { once: true });
    child.once('error', (error) => reject(new StudioError('failed', `llama-quantize could not start (${error.message})`)));
    child.once('exit', (code, signal) => {
      options.signal?.removeEventListener('abort', abort);
      if (options.signal?.aborted) reject(new StudioError('cancelled', 'quantisation cancelled'));
      else if (code === 0) resolve();
      else reject(new StudioError('failed', `llama-quantize failed (${signal ?? `exit code ${code}`}): ${tail.trim().split('\n').slice(-3).join(' | ')}`));
    });
  });
}
