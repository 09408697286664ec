import type { TFunction } from 'i18next';
import type { ModelProblem } from '../../../shared/models/model-problem';
import { formatBytes } from '../../../shared/text/format-bytes';

/** A named problem of a Models job in the user's language (`t` of the `models` namespace). */
export function modelProblemLine(t: TFunction<'models'>, p: ModelProblem): string {
  switch (p.kind) {
    case 'token-required':
      if (p.gated) return t('problems.gated', { repo: p.repo });
      return t(p.tokenSent ? 'problems.tokenRefused' : 'problems.tokenRequired', { repo: p.repo, status: p.status });
    case 'not-found':
      return t(`problems.notFound.${p.what}`, { repo: p.repo, revision: p.revision, file: p.file ?? '' });
    case 'sha256-mismatch':
      return t(p.refetched ? 'problems.sha256Twice' : 'problems.sha256', { file: p.file, expected: p.expected, actual: p.actual });
    case 'disk-full':
      return t('problems.diskFull', { what: p.what, needed: formatBytes(p.neededBytes), free: formatBytes(p.freeBytes), dir: p.dir });
    case 'not-chatglm2':
      return t('problems.notChatGlm2', { repo: p.repo, detail: p.detail });
    case 'no-checkpoint':
      return t('problems.noCheckpoint', { repo: p.repo, missing: p.missing });
    case 'unreachable':
      return t('problems.unreachable', { host: p.host, detail: p.detail });
  }
}
