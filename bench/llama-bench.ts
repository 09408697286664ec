import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { buildNative, type NativeBuildSpec } from '../electron/services/native/native-build';

const AVX512_FLAGS = [
  '-DGGML_NATIVE=OFF', '-DGGML_OPENMP=OFF', '-DGGML_AVX=ON', '-DGGML_AVX2=ON', '-DGGML_BMI2=ON', '-DGGML_FMA=ON', '-DGGML_F16C=ON', '-DGGML_AVX512=ON',
  '-DGGML_AVX512_VBMI=ON', '-DGGML_AVX512_VNNI=ON', '-DGGML_AVX512_BF16=ON', '-DGGML_AVX_VNNI=ON',
];

/**
 * llama.cpp's own benchmark, built from node-llama-cpp's bundled source the way node-llama-cpp builds its
 * CPU backend: no OpenMP (ggml's own thread pool; OpenMP's spinning or sleeping waits made llama-bench
 * 2–6× slower here), portable AVX2, and — where the CPU has them — AVX-512 and AVX-512 with AMX (the
 * "sapphirerapids" variant node-llama-cpp ships and picks at run time on such CPUs). Each build's
 * prefill and decode run separately: on the AMX build, prefill died with SIGILL in this VM while
 * decode ran, and one lost figure must not lose the other. The ratios use the fastest figure measured.
 */
export const LLAMA_BENCH_BUILDS: { label: string; spec: NativeBuildSpec; needs?: string }[] = [
  { label: 'avx2', spec: { variant: 'bench-avx2', targets: ['llama-bench'], cmakeFlags: ['-DGGML_NATIVE=OFF', '-DGGML_OPENMP=OFF'] } },
  { label: 'avx512', needs: 'avx512f', spec: { variant: 'bench-avx512', targets: ['llama-bench'], cmakeFlags: AVX512_FLAGS } },
  {
    label: 'avx512-amx',
    needs: 'amx_int8',
    spec: { variant: 'bench-amx', targets: ['llama-bench'], cmakeFlags: [...AVX512_FLAGS, '-DGGML_AMX_TILE=ON', '-DGGML_AMX_INT8=ON', '-DGGML_AMX_BF16=ON'] },
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

/** llama-bench's prefill (pp) and decode (tg) speeds on one file; null where that run failed (see errors). */
export interface LlamaBenchResult {
  build: string;
  prefillTokensPerSecond: number | null;
  decodeTokensPerSecond: number | null;
  /** Time of one decode step of 2 tokens over one of 1 token: llama.cpp's own cost of two replies in one batch. */
  batchOfTwoVsOne: number | null;
  errors: string[];
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

function runOnce(executable: string, args: string[]): Promise<BenchRow[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(executable, [...args, '-o', 'json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-2000)));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code !== 0) return reject(new Error(`llama-bench ${args.join(' ')} failed (${code ?? signal}): ${err.trim().split('\n').slice(-2).join(' | ')}`));
      try {
        resolve(JSON.parse(out) as BenchRow[]);
      } catch {
        reject(new Error(`llama-bench printed no JSON: ${out.slice(0, 300)}`));
      }
    });
  });
}

/** Runs llama-bench (built from `build.spec`, cached, or the given executable) for pp`prompt` (with pp1 and pp2) and
 * tg`gen` at `depth` with `threads` threads (`gpuLayers` offloaded and flash attention as given, where set). */
export async function runLlamaBench(
  build: { label: string; spec: NativeBuildSpec } | { label: string; executable: string }, model: string, threads: number,
  options: { prompt: number; gen: number; repetitions: number; /** Tokens already in the context when decoding starts. */ depth?: number; gpuLayers?: number; flashAttention?: boolean },
): Promise<LlamaBenchResult> {
  const executable = 'executable' in build
    ? build.executable
    : (await buildNative(build.spec, (line) => process.stderr.write(`  [build] ${line}\n`))).executables['llama-bench']!;
  const common = [
    '-m', model, '-t', String(threads), '-r', String(options.repetitions),
    ...(options.gpuLayers === undefined ? [] : ['-ngl', String(options.gpuLayers)]),
    ...(options.flashAttention === undefined ? [] : ['-fa', options.flashAttention ? '1' : '0']),
  ];
  const errors: string[] = [];
  const attempt = (args: string[]): Promise<BenchRow[]> => runOnce(executable, [...common, ...args]).catch((error: Error) => {
    errors.push(error.message.slice(0, 300));
    return [];
  });
  const prefillRows = await attempt(['-p', `${options.prompt},1,2`, '-n', '0']);
  const decodeRows = await attempt(['-p', '0', '-n', String(options.gen), '-d', String(options.depth ?? 0)]);
  const pp = prefillRows.find((r) => r.n_prompt === options.prompt);
  const one = prefillRows.find((r) => r.n_prompt === 1);
  const two = prefillRows.find((r) => r.n_prompt === 2);
  const tg = decodeRows.find((r) => r.n_gen === options.gen);
  return {
    build: build.label,
    prefillTokensPerSecond: pp?.avg_ts ?? null,
    decodeTokensPerSecond: tg?.avg_ts ?? null,
    batchOfTwoVsOne: one && two ? Math.round((2 / two.avg_ts / (1 / one.avg_ts)) * 1000) / 1000 : null,
    errors,
    promptTokens: options.prompt, generatedTokens: options.gen,
    repetitions: options.repetitions, executable,
  };
}
