import { spawn } from 'node:child_process';
import { buildNative, type NativeBuildSpec } from '../electron/services/native/native-build';

/**
 * llama.cpp's own benchmark, built from node-llama-cpp's bundled source. Built portable (no
 * -march=native): that is the instruction set the studio's own llama.cpp binaries use, so the ratio
 * measures the studio's overhead, not compiler flags. (A native build on this machine also picks
 * llama.cpp's AMX kernels, which crash on ChatGLM's 13,696-wide FFN in prompt processing.)
 */
export const LLAMA_BENCH_SPEC: NativeBuildSpec = { variant: 'stock', targets: ['llama-bench'], cmakeFlags: ['-DGGML_NATIVE=OFF'] };

/** llama-bench's prefill (pp) and decode (tg) speeds on one file. */
export interface LlamaBenchResult {
  prefillTokensPerSecond: number;
  decodeTokensPerSecond: number;
  promptTokens: number;
  generatedTokens: number;
  repetitions: number;
  executable: string;
}

interface BenchRow {
  n_prompt: number;
  n_gen: number;
  avg_ts: number;
}

/** Builds (or finds cached) llama-bench and runs pp`prompt` and tg`gen` with `threads` threads. */
export async function runLlamaBench(model: string, threads: number, options: { prompt: number; gen: number; repetitions: number }): Promise<LlamaBenchResult> {
  const built = await buildNative(LLAMA_BENCH_SPEC, (line) => process.stderr.write(`  [build] ${line}\n`));
  const executable = built.executables['llama-bench']!;
  const args = ['-m', model, '-t', String(threads), '-p', String(options.prompt), '-n', String(options.gen), '-r', String(options.repetitions), '-o', 'json'];
  const stdout = await new Promise<string>((resolve, reject) => {
    const child = spawn(executable, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-2000)));
    child.once('error', reject);
    child.once('exit', (code, signal) => (code === 0 ? resolve(out) : reject(new Error(`llama-bench failed (${code ?? signal}): ${err}`))));
  });
  const rows = JSON.parse(stdout) as BenchRow[];
  const pp = rows.find((r) => r.n_prompt > 0 && r.n_gen === 0);
  const tg = rows.find((r) => r.n_gen > 0 && r.n_prompt === 0);
  if (!pp || !tg) throw new Error(`llama-bench printed no pp/tg rows: ${stdout.slice(0, 500)}`);
  return {
    prefillTokensPerSecond: pp.avg_ts, decodeTokensPerSecond: tg.avg_ts, promptTokens: options.prompt, generatedTokens: options.gen,
    repetitions: options.repetitions, executable,
  };
}
