import { z } from 'zod';

// The model catalog (models/catalog.json): known builds with URL, size, sha256 and licence. A `gguf`
// entry is one file to download and verify; a `checkpoint` entry is a hub repository whose files are
// downloaded into a folder and converted in the studio (no public GGUF of CharacterGLM-6B exists).

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');

const ggufEntry = z.object({
  id: z.string().min(1),
  kind: z.literal('gguf'),
  name: z.string().min(1),
  description: z.object({ en: z.string(), 'zh-CN': z.string() }),
  url: z.string().url(),
  sizeBytes: z.number().int().positive(),
  sha256,
  licence: z.string().min(1),
  quantization: z.string().optional(),
}).strict();

const checkpointEntry = z.object({
  id: z.string().min(1),
  kind: z.literal('checkpoint'),
  name: z.string().min(1),
  description: z.object({ en: z.string(), 'zh-CN': z.string() }),
  repo: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'must be owner/name'),
  revision: z.string().default('main'),
  approxSizeBytes: z.number().int().positive(),
  licence: z.string().min(1),
}).strict();

const licence = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  summary: z.object({ en: z.string(), 'zh-CN': z.string() }),
  url: z.string().url(),
  commercialUse: z.boolean(),
}).strict();

/** The catalog file's schema. */
export const catalogSchema = z.object({
  version: z.literal(1),
  licences: z.array(licence),
  entries: z.array(z.discriminatedUnion('kind', [ggufEntry, checkpointEntry])),
}).strict().superRefine((c, ctx) => {
  const ids = new Set(c.licences.map((l) => l.id));
  c.entries.forEach((e, i) => {
    if (!ids.has(e.licence)) ctx.addIssue({ code: 'custom', path: ['entries', i, 'licence'], message: `unknown licence "${e.licence}"` });
  });
});

export type Catalog = z.output<typeof catalogSchema>;
export type CatalogEntry = Catalog['entries'][number];
export type CatalogLicence = Catalog['licences'][number];
