import { join } from 'node:path';
import { writeFileAtomic } from '../../fs/atomic-write';
import { CharacterLibrary } from '../character-library';

// Child process for the crash test: writes new versions as fast as it can, printing each version once
// it is committed, until the parent kills it (SIGKILL, at a random moment).
//   raw <file> <bytes>     writeFileAtomic of `{"version":n,"fill":"<n mod 10 repeated>"}`
//   library <root> <id>    CharacterLibrary.save of character <id>, with a large free-text profile

const [mode, target, arg] = process.argv.slice(2) as [string, string, string];

async function raw(): Promise<void> {
  const size = Number(arg);
  for (let version = 1; ; version++) {
    await writeFileAtomic(target, JSON.stringify({ version, fill: String(version % 10).repeat(size) }));
    process.stdout.write(`committed ${version}\n`);
  }
}

async function library(): Promise<void> {
  const lib = new CharacterLibrary(join(target, 'characters'), join(target, 'trash'));
  for (;;) {
    const current = await lib.get(arg);
    const version = current.revision + 1;
    const saved = await lib.save({ ...current, creatorNotes: String(version), freeTextProfile: String(version % 10).repeat(49_000) });
    process.stdout.write(`committed ${saved.revision}\n`);
  }
}

await (mode === 'raw' ? raw() : library());
