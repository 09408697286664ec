import { buildNative } from '../electron/services/native/native-build';
import { ensureStudioTools } from '../electron/services/training/trainer-build';

// `npx tsx native/build.ts` builds (or reports cached) the native tools the studio and its tests use:
// stock llama-quantize (Models › Convert) and the patched studio-trainer with its llama-quantize
// (Training). `npm test` runs it first, so no unit test spends its time limit compiling.
// `npx tsx native/build.ts stock llama-quantize llama-bench` builds chosen targets of the stock tree.
const log = (line: string): void => void process.stderr.write(`${line}\n`);
const [variant, ...targets] = process.argv.slice(2);
if (variant) {
  const result = await buildNative({ variant, targets: targets.length > 0 ? targets : ['llama-quantize'] }, log);
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const started = Date.now();
  const stock = await buildNative({ variant: 'stock', targets: ['llama-quantize'] }, log);
  const studio = await ensureStudioTools(['studio-trainer', 'llama-quantize'], log);
  const seconds = Math.round((Date.now() - started) / 1000);
  process.stdout.write(`${JSON.stringify({ seconds, stock: stock.executables, studio })}\n`);
}
