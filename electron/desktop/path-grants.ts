import { resolve } from 'node:path';
import { isInside } from '../services/paths/confine';

/**
 * Paths the user chose in a native dialog during this run. The desktop app lets the renderer name a
 * path on this machine only if it is one of these (or lies inside the library), so a compromised page
 * cannot make the services read arbitrary files.
 */
export class PathGrants {
  private readonly granted = new Set<string>();

  constructor(private readonly library: string) {}

  /** Records a path the user picked. */
  grant(path: string): string {
    const absolute = resolve(path);
    this.granted.add(absolute);
    return absolute;
  }

  /** True for a chosen path, or for anything inside the library (the studio's own files). */
  allows(path: string): boolean {
    const absolute = resolve(path);
    return this.granted.has(absolute) || isInside(this.library, absolute);
  }
}
