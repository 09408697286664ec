import { formatBytes } from '../text/format-bytes';

// The failures of getting a model that a user can act on, as data: the Models view words them in the
// user's language, the CLI and every error message in English through `modelProblemText`.

/** What a 404 was about. */
export type HubMissing = 'repository' | 'revision' | 'file';

export type ModelProblem =
  /** 401/403: gated or private; `tokenSent` tells "needs a token" from "the token was refused". */
  | { kind: 'token-required'; repo: string; status: number; tokenSent: boolean; gated: boolean }
  | { kind: 'not-found'; what: HubMissing; repo: string; revision: string; file?: string }
  /** The file's bytes did not match the sha256 announced; `refetched`: a second fresh download did not either. */
  | { kind: 'sha256-mismatch'; file: string; expected: string; actual: string; refetched: boolean }
  | { kind: 'disk-full'; what: string; neededBytes: number; freeBytes: number; dir: string }
  /** config.json is not a ChatGLM2-family model; `detail` is the converter's reason. */
  | { kind: 'not-chatglm2'; repo: string; detail: string }
  /** The repository lacks what conversion needs (config.json, tokenizer.model, weights). */
  | { kind: 'no-checkpoint'; repo: string; missing: string }
  | { kind: 'unreachable'; host: string; detail: string };

/** The problem in English (CLI lines, logs, the error's message). */
export function modelProblemText(p: ModelProblem): string {
  switch (p.kind) {
    case 'token-required':
      if (p.gated) return `${p.repo} is gated: accept its conditions on the hub's page for it with your account, and give the studio that account's token (HF_TOKEN or Settings → Model hub)`;
      return p.tokenSent
        ? `the hub refused the token for ${p.repo} (${p.status}): check that it is valid and can read this repository`
        : `${p.repo} needs a token (${p.status}): set HF_TOKEN or a token in Settings → Model hub`;
    case 'not-found':
      if (p.what === 'file') return `${p.repo}: file ${p.file ?? '?'} not found at revision ${p.revision} (404)`;
      if (p.what === 'revision') return `${p.repo}: revision ${p.revision} not found (404)`;
      return `repository ${p.repo} not found (404); private repositories need a token`;
    case 'sha256-mismatch':
      return `${p.file}: sha256 mismatch (expected ${p.expected}, got ${p.actual}${p.refetched ? ', again after a fresh download' : ''}); the damaged file was deleted`;
    case 'disk-full':
      return `not enough free disk space for ${p.what}: needs ${formatBytes(p.neededBytes)}, ${formatBytes(p.freeBytes)} free in ${p.dir}`;
    case 'not-chatglm2':
      return `${p.repo} is not a ChatGLM2-family model (config.json: ${p.detail}); nothing was downloaded beyond config.json`;
    case 'no-checkpoint':
      return `${p.repo} has no ${p.missing}: the studio gets ChatGLM2-family checkpoints (config.json, tokenizer.model, safetensors or .bin weights)`;
    case 'unreachable':
      return `cannot reach ${p.host}: ${p.detail}`;
  }
}
