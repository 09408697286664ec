import { buildNative } from '../electron/services/native/native-build';
import { ensureStudioTools } from '../electron/services/native/studio-tools';

// `npx tsx native/build.ts` builds (or reports cached) the studio's native tools: studio-trainer
// (Training), llama-quantize (Models › Convert) and llama-server (the remote engine the tests chat
// through). `npm test` runs it first, so no unit test spends its time limit compiling. `npx tsx native/build.ts stock llama-bench` builds chosen targets of unpatched
// llama.cpp instead.
const log = (line: string): void => void process.stderr.write(`${line}\n`);
const [variant, ...targets] = process.argv.slice(2);
if (variant) {
  const result = await buildNative({ variant, targets: targets.length > 0 ? targets : ['llama-quantize'] }, log);
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const started = Date.now();
  const tools = await ensureStudioTools(['studio-trainer', 'llama-quantize', 'llama-server'], log);
  process.stdout.write(`${JSON.stringify({ seconds: Math.round((Date.now() - started) / 1000), tools })}\n`);
}
