import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../../test-support/temp-dir';
import { SettingsStore } from '../../settings/settings-file';
import { HubAccessStore } from './hub-access';

const tempDir = useTempDir('studio-hub-access-');

async function store(env: NodeJS.ProcessEnv): Promise<{ access: HubAccessStore; settings: SettingsStore; dir: string }> {
  const dir = await tempDir();
  const settings = new SettingsStore(join(dir, 'settings.json'));
  return { access: new HubAccessStore(settings, join(dir, 'hub-token'), env), settings, dir };
}

describe('HubAccessStore', () => {
  it('takes HF_ENDPOINT and HF_TOKEN over Settings, as the hub\'s own client does, and binds the token to the endpoint', async () => {
    const { access, settings } = await store({ HF_ENDPOINT: 'https://hf-mirror.com/', HF_TOKEN: 'hf_env' });
    await settings.update({ hubEndpoint: 'https://mirror.example' });
    await access.setToken('hf_settings');
    const resolved = await access.resolve();
    expect(resolved.view).toEqual({ endpoint: 'https://hf-mirror.com/', endpointFrom: 'environment', tokenFrom: 'environment' });
    expect(resolved.authorization).toEqual({ origin: 'https://hf-mirror.com', token: 'hf_env' });
  });

  it('uses Settings when the environment names nothing (an empty variable counts as unset), else the hub', async () => {
    const { access, settings, dir } = await store({ HF_ENDPOINT: '', HF_TOKEN: ' ' });
    expect(await access.view()).toEqual({ endpoint: 'https://huggingface.co', endpointFrom: 'default', tokenFrom: null });
    await settings.update({ hubEndpoint: 'https://mirror.example:8443' });
    expect(await access.setToken('hf_settings')).toEqual({ endpoint: 'https://mirror.example:8443', endpointFrom: 'settings', tokenFrom: 'settings' });
    expect((await access.resolve()).authorization).toEqual({ origin: 'https://mirror.example:8443', token: 'hf_settings' });
    expect(await readFile(join(dir, 'hub-token'), 'utf8')).toBe('hf_settings');
    expect((await stat(join(dir, 'hub-token'))).mode & 0o777).toBe(0o600);
    expect(await access.setToken(null)).toMatchObject({ tokenFrom: null });
  });

  it('names a bad HF_ENDPOINT, HF_TOKEN or token', async () => {
    await expect((await store({ HF_ENDPOINT: 'ftp://mirror' })).access.resolve()).rejects.toThrow(/^HF_ENDPOINT: input: must be an http:\/\/ or https:\/\/ address/);
    await expect((await store({ HF_TOKEN: 'two words' })).access.resolve()).rejects.toThrow('HF_TOKEN: input: must be printable characters without spaces');
    await expect((await store({})).access.setToken('a\nb')).rejects.toThrow('token: input: must be printable characters without spaces');
  });
});
