import { runCli } from './run-cli';

// Entry of the `studio` command (bin/studio.mjs loads it through tsx in a checkout).
const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
process.exitCode = code;
// node-llama-cpp keeps native handles alive; a finished command must still end.
setTimeout(() => process.exit(code), 50).unref();
