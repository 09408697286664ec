import { describe, expect, it } from 'vitest';
import { hubStatusError } from './hub-api';

const answer = (status: number, code?: string): Response => new Response(null, { status, ...(code ? { headers: { 'x-error-code': code } } : {}) });
const ctx = { repo: 'org/model', revision: 'main', tokenSent: false };

describe('the hub\'s HTTP errors, named', () => {
  it('tells a missing token, a refused token and a gated repository apart', () => {
    expect(hubStatusError(answer(401), ctx)).toMatchObject({ code: 'unauthorized', problem: { kind: 'token-required', status: 401, tokenSent: false, gated: false } });
    expect(hubStatusError(answer(403), { ...ctx, tokenSent: true }).message).toBe('the hub refused the token for org/model (403): check that it is valid and can read this repository');
    expect(hubStatusError(answer(403, 'GatedRepo'), { ...ctx, tokenSent: true }).problem).toMatchObject({ kind: 'token-required', gated: true });
    // The hub answers 401 for a repository it will not admit exists; with a token sent, it does not.
    expect(hubStatusError(answer(401, 'RepoNotFound'), { ...ctx, tokenSent: true }).problem).toMatchObject({ kind: 'not-found', what: 'repository' });
  });

  it('says which of repository, revision and file a 404 is about', () => {
    expect(hubStatusError(answer(404, 'RevisionNotFound'), ctx).message).toBe('org/model: revision main not found (404)');
    expect(hubStatusError(answer(404, 'EntryNotFound'), { ...ctx, file: 'tokenizer.model' }).message).toBe('org/model: file tokenizer.model not found at revision main (404)');
    expect(hubStatusError(answer(404), { ...ctx, file: 'config.json' }).problem).toMatchObject({ kind: 'not-found', what: 'file', file: 'config.json' });
    expect(hubStatusError(answer(404), ctx).problem).toMatchObject({ kind: 'not-found', what: 'repository' });
    expect(hubStatusError(answer(500), ctx)).toMatchObject({ code: 'failed', message: 'org/model: the hub answered 500' });
  });
});
