import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { writeTinyModel } from '../electron/services/models/demo-model';
import { LlamaRuntime } from '../electron/services/runtime/llama-runtime';
import { modelInfoFor, TEST_THREADS } from '../electron/services/runtime/test-runtime';

// Does the services' work block the process it runs in? In the desktop app the services share the
// Electron main process with the window's event handling, so the question decides whether they need a
// utilityProcess. Measures the event loop's delay (perf_hooks) while idle (the reference, same run),
// while a model loads and while it generates, and prints JSON. `--model FILE` uses another GGUF
// (e.g. a 6B-shaped one); the default is the tiny demo model.

const { values } = parseArgs({ options: { model: { type: 'string' }, tokens: { type: 'string', default: '256' }, threads: { type: 'string' } } });
const threads = Number(values.threads ?? TEST_THREADS);

async function measure<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; delay: { p50: number; p99: number; max: number } }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  histogram.disable();
  const toMs = (ns: number): number => Math.round((ns / 1e6) * 100) / 100;
  return { result, ms: Math.round(ms), delay: { p50: toMs(histogram.percentile(50)), p99: toMs(histogram.percentile(99)), max: toMs(histogram.max) } };
}

const dir = await mkdtemp(join(tmpdir(), 'studio-latency-'));
try {
  const modelPath = values.model ?? join(dir, 'tiny.gguf');
  if (!values.model) await writeTinyModel(modelPath);
  const idle = await measure(() => new Promise((resolve) => setTimeout(resolve, 1000)));
  const runtime = new LlamaRuntime(async () => ({ gpu: 'auto', threads }));
  const load = await measure(async () => runtime.load(await modelInfoFor(modelPath)));
  const model = load.result;
  const context = await model.createContext({ contextSize: 1024, threads });
  const sequence = context.getSequence();
  const maxTokens = Number(values.tokens);
  let generated = 0;
  // The low-level evaluator, so a random model's early end-of-text does not cut the run short.
  const generate = await measure(async () => {
    for await (const token of sequence.evaluate(model.tokenize('以下是一段对话。'), { temperature: 0.9, seed: 1, yieldEogToken: true })) {
      void token;
      if (++generated >= maxTokens) break;
    }
  });
  await context.dispose();
  await runtime.dispose();
  process.stdout.write(
    `${JSON.stringify({
      bench: 'main-thread-latency',
      model: values.model ?? 'tiny demo model',
      threads,
      backend: runtime.getStatus(),
      eventLoopDelayMs: { idle: idle.delay, modelLoad: load.delay, generation: generate.delay },
      modelLoadMs: load.ms,
      generation: { tokens: generated, ms: generate.ms, tokensPerSecond: Math.round((generated / generate.ms) * 1000 * 10) / 10 },
    })}\n`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
