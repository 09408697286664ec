import { settingsSchema, type Settings } from '../../../shared/settings/settings';
import { writeFileAtomic } from '../fs/atomic-write';
import { readJsonFile } from '../fs/read-json';

/** Reads and updates `settings.json`; every change is written atomically before it is reported. */
export class SettingsStore {
  private cached: Settings | null = null;
  private readonly listeners = new Set<(settings: Settings) => void>();

  constructor(private readonly file: string) {}

  async get(): Promise<Settings> {
    this.cached ??= await readJsonFile(this.file, settingsSchema, settingsSchema.parse({}));
    return this.cached;
  }

  async update(patch: Partial<Settings>): Promise<Settings> {
    const next = settingsSchema.parse({ ...(await this.get()), ...patch });
    await writeFileAtomic(this.file, `${JSON.stringify(next, null, 2)}\n`);
    this.cached = next;
    for (const listener of this.listeners) listener(next);
    return next;
  }

  onChange(listener: (settings: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
