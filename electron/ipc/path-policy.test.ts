import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { contract } from '../../shared/contract/contract';
import { PathGrants } from '../desktop/path-grants';
import { refuseMessage, SERVER_PATH_FIELDS } from './path-policy';

// Every string field of every contract input whose name says it is a path. A new one must be added
// to SERVER_PATH_FIELDS (checked over IPC) or be confined by its service and listed as such here.
const PATHLIKE = /^(path|dir|directory|folder|file)$|[a-z0-9](Path|Dir|Directory|Folder|File)$/;
const CONFINED_ELSEWHERE = new Set<string>([]);

function pathLikeFields(schema: z.ZodType, prefix = ''): string[] {
  const def = (schema as unknown as { def: { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; options?: z.ZodType[]; left?: z.ZodType; right?: z.ZodType; in?: z.ZodType } }).def;
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape ?? {}).flatMap(([key, value]) => {
        const inner = pathLikeFields(value, `${prefix}${key}.`);
        return PATHLIKE.test(key) && isStringy(value) ? [`${prefix}${key}`, ...inner] : inner;
      });
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      return def.innerType ? pathLikeFields(def.innerType, prefix) : [];
    case 'union':
      return (def.options ?? []).flatMap((o) => pathLikeFields(o, prefix));
    case 'intersection':
      return [...(def.left ? pathLikeFields(def.left, prefix) : []), ...(def.right ? pathLikeFields(def.right, prefix) : [])];
    case 'pipe':
      return def.in ? pathLikeFields(def.in, prefix) : [];
    default:
      return [];
  }
}

function isStringy(schema: z.ZodType): boolean {
  const def = (schema as unknown as { def: { type: string; innerType?: z.ZodType; in?: z.ZodType } }).def;
  if (def.type === 'string') return true;
  if (def.innerType) return isStringy(def.innerType);
  if (def.in) return isStringy(def.in);
  return false;
}

describe('no generic file access over IPC', () => {
  it('knows every contract input that names a path on this machine', () => {
    const found: string[] = [];
    for (const [domain, methods] of Object.entries(contract)) {
      for (const [method, def] of Object.entries(methods as Record<string, { input: z.ZodType }>)) {
        for (const field of pathLikeFields(def.input)) found.push(`${domain}.${method}:${field}`);
      }
    }
    const listed = Object.entries(SERVER_PATH_FIELDS).flatMap(([method, fields]) => fields.map((f) => `${method}:${f}`));
    // The walk must see the listed fields themselves, or it could miss new ones just as silently.
    expect(found).toEqual(expect.arrayContaining(listed));
    const unchecked = found.filter((f) => !listed.includes(f) && !CONFINED_ELSEWHERE.has(f));
    expect(unchecked, 'add these to SERVER_PATH_FIELDS, or confine them in their service and list them here').toEqual([]);
  });

  it('refuses a path the user did not choose, naming it', () => {
    const grants = new PathGrants('/home/me/.config/character-studio');
    const message = { t: 'stream', id: 7, method: 'models.import', input: { path: '/etc/shadow' } };
    expect(refuseMessage(message, (p) => grants.allows(p))).toEqual({
      t: 'result',
      id: 7,
      ok: false,
      error: { code: 'unauthorized', message: 'models.import: path "/etc/shadow" was not chosen in a file dialog; use Browse… to pick it' },
    });
    expect(refuseMessage({ t: 'call', id: 8, method: 'models.inspectCheckpoint', input: { dir: '/home/me/ckpt/../../..' } }, (p) => grants.allows(p))?.error.code).toBe(
      'unauthorized',
    );
  });

  it('lets through chosen paths, library paths and every other message', () => {
    const grants = new PathGrants('/lib');
    grants.grant('/downloads/characterglm.gguf');
    const allows = (p: string): boolean => grants.allows(p);
    expect(refuseMessage({ t: 'stream', id: 1, method: 'models.import', input: { path: '/downloads/characterglm.gguf', mode: 'copy' } }, allows)).toBeNull();
    expect(refuseMessage({ t: 'stream', id: 2, method: 'models.convert', input: { dir: '/lib/checkpoints/x' } }, allows)).toBeNull();
    expect(refuseMessage({ t: 'call', id: 3, method: 'models.list', input: {} }, allows)).toBeNull();
    expect(refuseMessage({ t: 'cancel', id: 2 }, allows)).toBeNull();
    // A missing field is left to the contract's schema, which names it.
    expect(refuseMessage({ t: 'stream', id: 4, method: 'models.import', input: {} }, allows)).toBeNull();
  });
});
