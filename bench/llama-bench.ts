import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { buildNative, type NativeBuildSpec } from '../electron/services/native/native-build';

/**
 * llama.cpp's own benchmark, built from node-llama-cpp's bundled source the way node-llama-cpp builds its
 * CPU backend: no OpenMP (ggml's own thread pool; OpenMP's spinning or sleeping waits made llama-bench
 * 2–6× slower here), portable AVX2 and, where the CPU has AVX-512, once more with AVX-512 (node-llama-cpp
 * picks its best CPU variant at run time); the ratios use the faster one. Not -march=native: on CPUs with
 * AMX that build's AMX kernels crash in llama-bench's prompt processing on this model's shapes.
 */
export const LLAMA_BENCH_BUILDS: { label: string; spec: NativeBuildSpec; needs?: string }[] = [
  { label: 'avx2', spec: { variant: 'bench-avx2', targets: ['llama-bench'], cmakeFlags: ['-DGGML_NATIVE=OFF', '-DGGML_OPENMP=OFF'] } },
  {
    label: 'avx512',
    needs: 'avx512f',
    spec: {
      variant: 'bench-avx512',
      targets: ['llama-bench'],
      cmakeFlags: [
        '-DGGML_NATIVE=OFF', '-DGGML_OPENMP=OFF', '-DGGML_AVX=ON', '-DGGML_AVX2=ON', '-DGGML_BMI2=ON', '-DGGML_FMA=ON', '-DGGML_F16C=ON', '-DGGML_AVX512=ON',
        '-DGGML_AVX512_VBMI=ON', '-DGGML_AVX512_VNNI=ON', '-DGGML_AVX512_BF16=ON', '-DGGML_AVX_VNNI=ON',
      ],
    },
  },
];

/** The builds this CPU can run (Linux reads its flags; elsewhere the portable build only). */
export function applicableBuilds(): typeof LLAMA_BENCH_BUILDS {
  let flags = '';
  try {
    flags = readFileSync('/proc/cpuinfo', 'utf8');
  } catch {
    // Not Linux: the portable build runs everywhere.
  }
  return LLAMA_BENCH_BUILDS.filter((b) => !b.needs || new RegExp(`\\b${b.needs}\\b`).test(flags));
}

/** llama-bench's prefill (pp) and decode (tg) speeds on one file. */
export interface LlamaBenchResult {
  build: string;
  prefillTokensPerSecond: number;
  decodeTokensPerSecond: number;
  /** Time of one decode step of 2 tokens over one of 1 token: llama.cpp's own cost of two replies in one batch. */
  batchOfTwoVsOne: number;
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
export async function runLlamaBench(
  build: (typeof LLAMA_BENCH_BUILDS)[number], model: string, threads: number, options: { prompt: number; gen: number; repetitions: number },
): Promise<LlamaBenchResult> {
  const built = await buildNative(build.spec, (line) => process.stderr.write(`  [build] ${line}\n`));
  const executable = built.executables['llama-bench']!;
  const args = ['-m', model, '-t', String(threads), '-p', `${options.prompt},1,2`, '-n', String(options.gen), '-r', String(options.repetitions), '-o', 'json'];
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
  const pp = rows.find((r) => r.n_prompt === options.prompt && r.n_gen === 0);
  const tg = rows.find((r) => r.n_gen > 0 && r.n_prompt === 0);
  const one = rows.find((r) => r.n_prompt === 1 && r.n_gen === 0);
  const two = rows.find((r) => r.n_prompt === 2 && r.n_gen === 0);
  if (!pp || !tg || !one || !two) throw new Error(`llama-bench printed no pp/tg rows: ${stdout.slice(0, 500)}`);
  return {
    build: build.label,
    prefillTokensPerSecond: pp.avg_ts, decodeTokensPerSecond: tg.avg_ts,
    batchOfTwoVsOne: Math.round((2 / two.avg_ts / (1 / one.avg_ts)) * 1000) / 1000,
    promptTokens: options.prompt, generatedTokens: options.gen,
    repetitions: options.repetitions, executable,
  };
}
