import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { tinyConfig, writeTinyCheckpoint } from '../../models/tiny-checkpoint/tiny-checkpoint';

// A model hub on loopback for the tests (unit and e2e alike): the part of the hub's HTTP API the studio
// uses (DESIGN.md §10). `GET /api/models/{repo}/revision/{rev}` lists files with sizes and LFS sha256;
// `GET /{repo}/resolve/{rev}/{file}` serves small files itself and redirects LFS files to a second
// server (another origin, as the hub's storage is), with `X-Linked-Etag`, `X-Repo-Commit` and `ETag`
// headers; both honour `Range` and `If-Range`. Faults are asked for by file: a connection dropped at a
// byte, bytes served corrupted, a response held open at a byte until released.

/** One file of a test repository. */
export interface HubFileSpec {
  name: string;
  bytes: Buffer;
  /** Stored with LFS (weights, tokenizer.model): listed with a sha256 and redirected to storage. */
  lfs: boolean;
  /** The size the file list claims, when it should lie (a repository too large for the disk). */
  listedSize?: number;
}

/** A request as the hub saw it. */
export interface HubRequest {
  server: 'hub' | 'storage';
  path: string;
  range?: string;
  authorization?: string;
}

/** A response held open part-way: `reached` once the first bytes are out, `release` sends the rest. */
export interface HubHold {
  reached: Promise<void>;
  release: () => void;
}

export interface TestHub {
  /** The hub's address, for HF_ENDPOINT or Settings → Model hub. */
  endpoint: string;
  requests: HubRequest[];
  addRepo: (repo: string, files: HubFileSpec[], commit?: string) => void;
  /** The next response for `file` stops (the connection is destroyed) once `atByte` bytes of the file are out. */
  dropOnce: (file: string, atByte: number) => void;
  /** The next `times` full responses for `file` carry one flipped byte. */
  corrupt: (file: string, times?: number) => void;
  hold: (file: string, atByte: number) => HubHold;
  close: () => Promise<void>;
}

interface Repo {
  commit: string;
  files: Map<string, HubFileSpec & { sha256: string; blobId: string }>;
}

const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const gitBlobId = (bytes: Buffer): string => createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Starts the hub and its storage; with `token`, the hub (not the storage) answers 401 without it. */
export async function startTestHub(options: { token?: string } = {}): Promise<TestHub> {
  const repos = new Map<string, Repo>();
  const requests: HubRequest[] = [];
  const drops = new Map<string, number>();
  const corruptions = new Map<string, number>();
  const holds = new Map<string, { atByte: number; reached: () => void; released: Promise<void> }>();
  let storageUrl = '';

  const serveBytes = (req: IncomingMessage, res: ServerResponse, file: HubFileSpec, headers: Record<string, string>): void => {
    const etag = headers.etag!;
    const match = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const ifRange = req.headers['if-range'];
    const start = match && (!ifRange || ifRange === etag) ? Number(match[1]) : 0;
    if (start > file.bytes.length) {
      res.writeHead(416, { 'content-range': `bytes */${file.bytes.length}` }).end();
      return;
    }
    let body = file.bytes.subarray(start);
    const corrupting = corruptions.get(file.name) ?? 0;
    if (start === 0 && corrupting > 0) {
      corruptions.set(file.name, corrupting - 1);
      body = Buffer.from(body);
      const middle = body.length >> 1;
      body[middle] = body[middle]! ^ 0xff;
    }
    const common = { ...headers, 'accept-ranges': 'bytes', 'content-length': String(body.length) };
    if (start > 0) res.writeHead(206, { ...common, 'content-range': `bytes ${start}-${file.bytes.length - 1}/${file.bytes.length}` });
    else res.writeHead(200, common);
    const drop = drops.get(file.name);
    if (drop !== undefined && drop > start) {
      drops.delete(file.name);
      res.write(body.subarray(0, drop - start), () => res.socket?.destroy());
      return;
    }
    const hold = holds.get(file.name);
    if (hold && hold.atByte > start) {
      holds.delete(file.name);
      res.write(body.subarray(0, hold.atByte - start), () => hold.reached());
      void hold.released.then(() => res.end(body.subarray(hold.atByte - start)));
      return;
    }
    res.end(body);
  };

  const hubHandler = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://hub');
    const path = decodeURIComponent(url.pathname);
    requests.push({ server: 'hub', path, ...(req.headers.range ? { range: req.headers.range } : {}), ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
    if (options.token && req.headers.authorization !== `Bearer ${options.token}`) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"Invalid credentials in Authorization header"}');
      return;
    }
    const api = /^\/api\/models\/([^/]+\/[^/]+)\/revision\/(.+)$/.exec(path);
    const resolve = /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(path);
    const repoId = api?.[1] ?? resolve?.[1];
    const repo = repoId ? repos.get(repoId) : undefined;
    if (!repo) {
      res.writeHead(404, { 'x-error-code': 'RepoNotFound' }).end('Repository not found');
      return;
    }
    const revision = api?.[2] ?? resolve?.[2];
    if (revision !== 'main' && revision !== repo.commit) {
      res.writeHead(404, { 'x-error-code': 'RevisionNotFound' }).end('Revision not found');
      return;
    }
    if (api) {
      const siblings = [...repo.files.values()].map((f) => {
        const size = f.listedSize ?? f.bytes.length;
        return { rfilename: f.name, size, blobId: f.blobId, ...(f.lfs ? { lfs: { sha256: f.sha256, size, pointerSize: 134 } } : {}) };
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: repoId, sha: repo.commit, siblings }));
      return;
    }
    const file = repo.files.get(resolve![3]!);
    if (!file) {
      res.writeHead(404, { 'x-error-code': 'EntryNotFound' }).end('Entry not found');
      return;
    }
    const commitHeaders = { 'x-repo-commit': repo.commit };
    if (file.lfs) {
      res.writeHead(302, {
        ...commitHeaders, location: `${storageUrl}/lfs/${file.sha256}`, etag: `"${file.blobId}"`,
        'x-linked-etag': `"${file.sha256}"`, 'x-linked-size': String(file.bytes.length),
      }).end();
      return;
    }
    serveBytes(req, res, file, { ...commitHeaders, etag: `"${file.blobId}"` });
  };

  const storageHandler = (req: IncomingMessage, res: ServerResponse): void => {
    const path = new URL(req.url ?? '/', 'http://storage').pathname;
    requests.push({ server: 'storage', path, ...(req.headers.range ? { range: req.headers.range } : {}), ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
    const sha = /^\/lfs\/([0-9a-f]{64})$/.exec(path)?.[1];
    const file = [...repos.values()].flatMap((r) => [...r.files.values()]).find((f) => f.lfs && f.sha256 === sha);
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    serveBytes(req, res, file, { etag: `"${file.sha256}"` });
  };

  const hub = createServer(hubHandler);
  const storage = createServer(storageHandler);
  const endpoint = await listen(hub);
  storageUrl = await listen(storage);
  return {
    endpoint,
    requests,
    addRepo: (id, files, commit = createHash('sha1').update(id).digest('hex')) => {
      repos.set(id, { commit, files: new Map(files.map((f) => [f.name, { ...f, sha256: sha256Of(f.bytes), blobId: gitBlobId(f.bytes) }])) });
    },
    dropOnce: (file, atByte) => drops.set(file, atByte),
    corrupt: (file, times = 1) => corruptions.set(file, times),
    hold: (file, atByte) => {
      let reached!: () => void;
      let release!: () => void;
      const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
      holds.set(file, { atByte, reached, released: new Promise<void>((resolve) => (release = resolve)) });
      return { reached: reachedPromise, release };
    },
    close: async () => {
      for (const server of [hub, storage]) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}

/** Files LFS stores on the hub (its default `.gitattributes` for model repositories). */
const LFS_NAME = /\.(bin|safetensors|model|gguf)$/;

/**
 * The tiny checkpoint as a hub repository's files, plus the files a real repository has that the
 * converter never reads (README.md, the modeling code), written through `dir`.
 */
export async function tinyHubFiles(dir: string, format: 'safetensors' | 'pytorch', config: Record<string, unknown> = tinyConfig()): Promise<HubFileSpec[]> {
  const ckpt = await writeTinyCheckpoint(dir, format);
  const files: HubFileSpec[] = [];
  for (const name of (await readdir(ckpt.dir)).sort()) {
    const bytes = name === 'config.json' ? Buffer.from(JSON.stringify(config, null, 2)) : await readFile(join(ckpt.dir, name));
    files.push({ name, bytes, lfs: LFS_NAME.test(name) });
  }
  files.push({ name: 'README.md', bytes: Buffer.from('# tiny CharacterGLM\n'), lfs: false });
  files.push({ name: 'modeling_chatglm.py', bytes: Buffer.from('# never fetched by the studio\n'), lfs: false });
  return files;
}
