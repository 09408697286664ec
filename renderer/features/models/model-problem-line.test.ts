import { createInstance, type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { modelProblemText, type ModelProblem } from '../../../shared/models/model-problem';
import { modelProblemLine } from './model-problem-line';
import { modelsStrings } from './strings';

const PROBLEMS: ModelProblem[] = [
  { kind: 'token-required', repo: 'org/m', status: 401, tokenSent: false, gated: false },
  { kind: 'token-required', repo: 'org/m', status: 403, tokenSent: true, gated: false },
  { kind: 'token-required', repo: 'org/m', status: 403, tokenSent: true, gated: true },
  { kind: 'not-found', what: 'repository', repo: 'org/m', revision: 'main' },
  { kind: 'not-found', what: 'revision', repo: 'org/m', revision: 'v2' },
  { kind: 'not-found', what: 'file', repo: 'org/m', revision: 'main', file: 'config.json' },
  { kind: 'sha256-mismatch', file: 'model-00001-of-00002.safetensors', expected: 'a'.repeat(64), actual: 'b'.repeat(64), refetched: false },
  { kind: 'sha256-mismatch', file: 'model-00001-of-00002.safetensors', expected: 'a'.repeat(64), actual: 'b'.repeat(64), refetched: true },
  { kind: 'disk-full', what: 'getting org/m', neededBytes: 2 * 1024 ** 3, freeBytes: 1024 ** 3, dir: '/data/models' },
  { kind: 'not-chatglm2', repo: 'org/m', detail: 'unknown architecture "llama"' },
  { kind: 'no-checkpoint', repo: 'org/m', missing: 'tokenizer.model' },
  { kind: 'unreachable', host: 'hf-mirror.com', detail: 'ENOTFOUND' },
];

async function translator(lng: 'en' | 'zh-CN'): Promise<TFunction<'models'>> {
  const i18n = createInstance();
  await i18n.init({ lng, ns: ['models'], defaultNS: 'models', resources: { [lng]: { models: modelsStrings[lng] } }, interpolation: { escapeValue: false } });
  return i18n.getFixedT(lng, 'models') as TFunction<'models'>;
}

describe('named problems of a get, in the user\'s language', () => {
  it('words every problem in English and Chinese with its facts, never a bare key', async () => {
    const en = await translator('en');
    const zh = await translator('zh-CN');
    for (const problem of PROBLEMS) {
      const english = modelProblemLine(en, problem);
      const chinese = modelProblemLine(zh, problem);
      expect(english, problem.kind).not.toMatch(/^problems\.|\{\{/);
      expect(chinese, problem.kind).toMatch(/[\u4e00-\u9fff]/);
      expect(chinese, problem.kind).not.toMatch(/^problems\.|\{\{/);
      const named = 'repo' in problem ? problem.repo : 'file' in problem ? problem.file : 'host' in problem ? problem.host : problem.dir;
      expect(english).toContain(named);
      expect(chinese).toContain(named);
    }
    expect(modelProblemLine(zh, PROBLEMS[0]!)).toBe('org/m 需要访问令牌（401）：请在“设置 → 模型仓库”中填写令牌，或设置 HF_TOKEN。');
    expect(modelProblemLine(en, PROBLEMS[8]!)).toBe('Not enough free disk space for getting org/m: needs 2.0 GB, 1.0 GB free in /data/models.');
    // The CLI's English and the page's English name the same facts.
    expect(modelProblemText(PROBLEMS[0]!)).toContain('needs a token (401)');
  });
});
