import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// `npx tsx build/security/electronegativity-check.ts` (a step of `npm test`): Doyensec's
// electronegativity static check over the app's sources (electron/, renderer/, shared/ together, so its
// global checks see the whole app). Every finding must be listed, with its reason, in
// accepted-findings.json; an unexplained finding, a listed one that no longer occurs, or a file it
// could not parse fails the step. Offline by construction: the tool's translation and release look-ups
// go to a stub that fails at once, and the release check (which needs the network) is not run.

interface Finding {
  id: string;
  file: string;
  location: { line: number; column: number };
  description: string;
  severity: { name?: string; value?: number };
}
interface Accepted {
  check: string;
  file: string;
  reason: string;
}

const require = createRequire(import.meta.url);
const toolDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));
const gotPath = require.resolve('got', { paths: [toolDir] });
const offline = (): Promise<never> => Promise.reject(new Error('network disabled for the static check'));
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: Object.assign(offline, { default: offline }) } as NodeJS.Module;
const run = require(join(toolDir, 'dist', 'runner.js')) as (options: object, forCli: boolean) => Promise<{ issues: Finding[]; errors: unknown[] }>;

const root = process.cwd();
const electronVersion = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies.electron;
const accepted = JSON.parse(readFileSync(new URL('./accepted-findings.json', import.meta.url), 'utf8')) as Accepted[];

const scan = mkdtempSync(join(tmpdir(), 'studio-electronegativity-'));
try {
  for (const dir of ['electron', 'renderer', 'shared']) cpSync(join(root, dir), join(scan, dir), { recursive: true });
  const quiet = console.log;
  console.log = () => undefined; // The tool prints a line about its (stubbed) translation download.
  const result = await run(
    { input: scan, isRelative: true, customScan: [], excludeFromScan: ['AvailableSecurityFixesGlobalCheck'], electronVersionOverride: electronVersion, parserPlugins: [] },
    false,
  ).finally(() => {
    console.log = quiet;
  });

  const key = (check: string, file: string): string => `${check} ${file.replaceAll('\\', '/')}`;
  const acceptedKeys = new Map(accepted.map((a) => [key(a.check, a.file), a]));
  const unexplained = result.issues.filter((i) => !acceptedKeys.has(key(i.id, i.file)));
  const seen = new Set(result.issues.map((i) => key(i.id, i.file)));
  const stale = accepted.filter((a) => !seen.has(key(a.check, a.file)));
  const missingReason = accepted.filter((a) => a.reason.trim().length < 20);

  for (const issue of result.issues) {
    const why = acceptedKeys.get(key(issue.id, issue.file));
    const where = issue.file === 'N/A' ? 'whole app' : `${issue.file}:${issue.location.line}`;
    console.log(`${why ? 'accepted ' : 'FINDING  '} ${issue.id} ${where}${why ? ` — ${why.reason}` : `: ${issue.description}`}`);
  }
  for (const a of stale) console.log(`STALE     ${a.check} ${a.file}: listed in accepted-findings.json but no longer reported; remove it`);
  for (const a of missingReason) console.log(`NO REASON ${a.check} ${a.file}: say why this finding is acceptable`);
  for (const error of result.errors) console.log(`UNPARSED  ${JSON.stringify(error)}`);
  const failed = unexplained.length + stale.length + missingReason.length + result.errors.length;
  console.log(`electronegativity ${electronVersion}: ${result.issues.length} findings, ${result.issues.length - unexplained.length} accepted with a reason, ${unexplained.length} unexplained`);
  process.exitCode = failed === 0 ? 0 : 1;
} finally {
  rmSync(scan, { recursive: true, force: true });
}
