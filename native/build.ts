import { buildNative } from '../electron/services/native/native-build';

// `npx tsx native/build.ts stock llama-quantize llama-bench` — builds (or reports cached) native tools.
const [variant = 'stock', ...targets] = process.argv.slice(2);
const result = await buildNative({ variant, targets: targets.length > 0 ? targets : ['llama-quantize'] }, (line) => process.stderr.write(`${line}\n`));
process.stdout.write(`${JSON.stringify(result)}\n`);
