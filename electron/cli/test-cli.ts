import { runCli, type CliStudioOptions } from './run-cli';

/** Runs the `studio` command line in-process with `argv`, capturing what it prints (for tests). */
export async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return cliWith({}, ...argv);
}

/** `cli` on a studio opened with `options` (e.g. retry pauses of milliseconds instead of seconds). */
export async function cliWith(options: CliStudioOptions, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, options);
  return { code, stdout, stderr };
}
