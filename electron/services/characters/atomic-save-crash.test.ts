import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../test-support/temp-dir';
import { CharacterLibrary } from './character-library';

// A write interrupted at any instant must leave the previous version readable. A child process writes
// versions in a loop and is SIGKILLed at a random moment (often mid-write: most of each write's time is
// spent writing and fsyncing); the file must then hold one complete version, no older than the last
// one the child reported as committed.

const tempDir = useTempDir('studio-crash-');
const WRITER = join(import.meta.dirname, 'test-support', 'crash-writer.ts');

/** Runs the writer, kills it `delayMs` after its first commit, and returns the last committed version. */
async function runAndKill(args: string[], delayMs: number): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let committed = 0;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started = new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      committed = Number(line.split(' ')[1]);
      resolve();
    });
    void exited.then(() => reject(new Error(`writer exited early: ${stderr}`)));
  });
  await started;
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  child.kill('SIGKILL');
  await exited;
  return committed;
}

/** Random kill delays, spread so some land early and some late in a write. */
const delays = (n: number): number[] => Array.from({ length: n }, () => Math.floor(Math.random() * 60));

// Each round starts a TypeScript child process (about a second, more on a busy machine).
const ROUNDS_TIMEOUT_MS = 180_000;

describe('atomic writes survive a kill at any moment', () => {
  it('writeFileAtomic: the file always holds one whole version, never an older one than committed', async () => {
    const dir = await tempDir();
    const file = join(dir, 'data.json');
    let leftovers = 0;
    for (const delay of delays(10)) {
      const committed = await runAndKill(['raw', file, String(4 * 1024 * 1024)], delay);
      const content = JSON.parse(await readFile(file, 'utf8')) as { version: number; fill: string };
      expect(content.version).toBeGreaterThanOrEqual(committed);
      expect(content.fill.length).toBe(4 * 1024 * 1024);
      expect(new Set(content.fill).size).toBe(1);
      expect(content.fill[0]).toBe(String(content.version % 10));
      leftovers = (await readdir(dir)).filter((n) => n.endsWith('.tmp')).length;
    }
    // Killed mid-write at least once: the temp files of interrupted writes are still there.
    expect(leftovers).toBeGreaterThan(0);
  }, ROUNDS_TIMEOUT_MS);

  it('character saves: the library still loads the character after every kill', async () => {
    const root = await tempDir();
    const lib = new CharacterLibrary(join(root, 'characters'), join(root, 'trash'));
    const { id } = await lib.create({ name: 'Crash' });
    for (const delay of delays(6)) {
      const committed = await runAndKill(['library', root, id], delay);
      const loaded = await lib.get(id);
      expect(loaded.revision).toBeGreaterThanOrEqual(committed);
      expect(loaded.creatorNotes).toBe(String(loaded.revision));
      expect(loaded.freeTextProfile).toBe(String(loaded.revision % 10).repeat(49_000));
      expect((await lib.list()).map((c) => c.problem)).toEqual([undefined]);
    }
  }, ROUNDS_TIMEOUT_MS);
});
