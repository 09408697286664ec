import { describe, expect, it } from 'vitest';
import { hubListUrl, hubRepoIdSchema, hubResolveUrl, hubRevisionSchema } from './hub-repo';
import { parseHubListing, planCheckpointDownload, shardsListedIn, type HubDownloadPlan } from './hub-listing';

const sha = (c: string): string => c.repeat(64);
const lfs = (name: string, size: number, c = 'a') => ({ rfilename: name, size, lfs: { sha256: sha(c), size, pointerSize: 134 } });
const plain = (name: string, size = 10) => ({ rfilename: name, size });

/** The real CharacterGLM-6B revision with a safetensors conversion beside the .bin shards (as in its hub pull request). */
const BOTH = {
  sha: 'abc123',
  siblings: [
    plain('.gitattributes'), plain('README.md'), plain('config.json'), plain('configuration_chatglm.py'), plain('modeling_chatglm.py'),
    plain('MODEL_LICENSE'), plain('LICENSE'), lfs('tokenizer.model', 1018370),
    plain('pytorch_model.bin.index.json'), lfs('pytorch_model-00001-of-00002.bin', 2000, 'b'), lfs('pytorch_model-00002-of-00002.bin', 2000, 'c'),
    plain('model.safetensors.index.json'), lfs('model-00002-of-00002.safetensors', 1900, 'e'), lfs('model-00001-of-00002.safetensors', 1900, 'd'),
    lfs('quantized/model.safetensors', 500, 'f'),
  ],
};

describe('the hub file list', () => {
  it('takes sizes and LFS sha256, refusing a list without sizes by name', () => {
    const listing = parseHubListing(BOTH);
    expect(listing.commit).toBe('abc123');
    expect(listing.files.find((f) => f.name === 'tokenizer.model')).toEqual({ name: 'tokenizer.model', size: 1018370, sha256: sha('a') });
    expect(listing.files.find((f) => f.name === 'config.json')).toEqual({ name: 'config.json', size: 10 });
    expect(() => parseHubListing({ siblings: [{ rfilename: 'config.json' }] })).toThrow('config.json has no size (was ?blobs=true ignored?)');
    expect(() => parseHubListing({ siblings: 'no' })).toThrow(/^unexpected file list from the hub: siblings: /);
  });

  it('plans only the converter\'s files, small ones first, safetensors preferred over .bin', () => {
    const plan = planCheckpointDownload(parseHubListing(BOTH)) as HubDownloadPlan;
    expect(plan.format).toBe('safetensors');
    expect(plan.small.map((f) => f.name)).toEqual(['config.json', 'tokenizer.model', 'MODEL_LICENSE']);
    expect(plan.index?.name).toBe('model.safetensors.index.json');
    expect(plan.weights.map((f) => f.name)).toEqual(['model-00001-of-00002.safetensors', 'model-00002-of-00002.safetensors']);
    expect(shardsListedIn(plan, ['model-00001-of-00002.safetensors'])).toEqual([plan.weights[0]]);
    expect(shardsListedIn(plan, ['model-00003-of-00003.safetensors'])).toEqual({ missing: 'model-00003-of-00003.safetensors' });
  });

  it('takes .bin shards when no safetensors exist, and names what a repository lacks', () => {
    const bins = { siblings: BOTH.siblings.filter((s) => !s.rfilename.includes('safetensors')) };
    expect((planCheckpointDownload(parseHubListing(bins)) as HubDownloadPlan).weights.map((f) => f.name)).toEqual(['pytorch_model-00001-of-00002.bin', 'pytorch_model-00002-of-00002.bin']);
    const gguf = { siblings: [plain('config.json'), lfs('tokenizer.model', 5), lfs('model-Q4_K_M.gguf', 100)] };
    expect(planCheckpointDownload(parseHubListing(gguf))).toEqual({ missing: 'weights (model*.safetensors or pytorch_model*.bin)' });
    expect(planCheckpointDownload(parseHubListing({ siblings: [plain('config.json')] }))).toEqual({ missing: 'tokenizer.model' });
  });

  it('ignores names that are unsafe as file names', () => {
    const hostile = { siblings: [plain('config.json'), lfs('tokenizer.model', 5), lfs('..model.safetensors', 5), lfs('model:1.safetensors', 5), lfs('model-1.safetensors', 5)] };
    expect((planCheckpointDownload(parseHubListing(hostile)) as HubDownloadPlan).weights.map((f) => f.name)).toEqual(['model-1.safetensors']);
  });
});

describe('hub names and URLs', () => {
  it('checks repository ids and revisions, and encodes a revision as one path segment', () => {
    expect(hubRepoIdSchema.safeParse(' thu-coai/CharacterGLM-6B ').data).toBe('thu-coai/CharacterGLM-6B');
    for (const bad of ['CharacterGLM-6B', 'a/b/c', 'a/..', '../b', 'a b/c']) expect(hubRepoIdSchema.safeParse(bad).success, bad).toBe(false);
    expect(hubRevisionSchema.safeParse('refs/pr/3').success).toBe(true);
    expect(hubRevisionSchema.safeParse('main/../x').success).toBe(false);
    expect(hubListUrl('https://hf-mirror.com/', 'thu-coai/CharacterGLM-6B', 'refs/pr/3')).toBe('https://hf-mirror.com/api/models/thu-coai/CharacterGLM-6B/revision/refs%2Fpr%2F3?blobs=true');
    expect(hubResolveUrl('https://huggingface.co', 'thu-coai/CharacterGLM-6B', 'main', 'config.json')).toBe('https://huggingface.co/thu-coai/CharacterGLM-6B/resolve/main/config.json');
  });
});
