import type { DesktopFile } from '../../shared/contract/domains/desktop';
import { readDesktopFile } from './read-desktop-file';

/**
 * Files the operating system asked the app to open, held until the UI takes them. Files can arrive
 * before the window exists (a double-click that starts the app, macOS `open-file` before ready), so
 * the UI pulls them when it starts and again whenever `onAdded` fires.
 */
export class OpenedFiles {
  private pending: string[] = [];
  private readonly listeners = new Set<(count: number) => void>();

  constructor(private readonly read: (path: string) => Promise<DesktopFile> = readDesktopFile) {}

  /** Queues paths (already absolute); the same path queued twice before being taken is opened once. */
  add(paths: readonly string[]): void {
    const fresh = [...new Set(paths)].filter((p) => !this.pending.includes(p));
    if (fresh.length === 0) return;
    this.pending.push(...fresh);
    for (const listener of this.listeners) listener(this.pending.length);
  }

  /** Reads and hands over every queued file, each exactly once. */
  async take(): Promise<DesktopFile[]> {
    const paths = this.pending.splice(0);
    return Promise.all(paths.map((p) => this.read(p)));
  }

  get size(): number {
    return this.pending.length;
  }

  onAdded(listener: (count: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
