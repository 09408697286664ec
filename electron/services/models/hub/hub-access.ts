import { readFile, rm, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { z } from 'zod';
import { StudioError } from '../../../../shared/contract/errors';
import type { HubAccessView } from '../../../../shared/contract/domains/settings';
import { HF_ENDPOINT, hubEndpointSchema, hubTokenSchema } from '../../../../shared/models/hub-repo';
import { formatIssues } from '../../../../shared/validation/format-issues';
import { writeFileAtomic } from '../../fs/atomic-write';
import type { SettingsStore } from '../../settings/settings-store';
import type { HubAuthorization } from '../download/http-request';

// Where the model hub is and which token to present, following the hub's own client: HF_ENDPOINT and
// HF_TOKEN in the environment win over what Settings holds. The token set in Settings lives in its own
// owner-only file, never in settings.json, and never goes back to the page; it is sent only to the
// endpoint's origin (see http-request.ts).

/** The endpoint and token a get uses. */
export interface HubAccess {
  endpoint: string;
  /** Present when a token is configured; bound to the endpoint's origin. */
  authorization?: HubAuthorization;
  view: HubAccessView;
}

const MAX_TOKEN_FILE_BYTES = 4096;

function checked<S extends z.ZodType<string>>(schema: S, value: string, where: string): string {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new StudioError('invalid_input', `${where}: ${formatIssues(parsed.error)}`);
  return parsed.data;
}

/** Reads and stores the hub settings for one data folder. */
export class HubAccessStore {
  constructor(
    private readonly settings: SettingsStore,
    private readonly tokenFile: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  private async storedToken(): Promise<string | null> {
    let size: number;
    try {
      size = (await stat(this.tokenFile)).size;
    } catch {
      return null;
    }
    if (size > MAX_TOKEN_FILE_BYTES) throw new StudioError('bad_file', `${basename(this.tokenFile)}: larger than ${MAX_TOKEN_FILE_BYTES} bytes; set the token again in Settings`);
    return checked(hubTokenSchema, await readFile(this.tokenFile, 'utf8'), basename(this.tokenFile));
  }

  /** The endpoint and token in force now. */
  async resolve(): Promise<HubAccess> {
    const envEndpoint = this.env.HF_ENDPOINT?.trim();
    const setEndpoint = (await this.settings.get()).hubEndpoint;
    const endpoint = envEndpoint ? checked(hubEndpointSchema, envEndpoint, 'HF_ENDPOINT') : setEndpoint ?? HF_ENDPOINT;
    const envToken = this.env.HF_TOKEN?.trim();
    const token = envToken ? checked(hubTokenSchema, envToken, 'HF_TOKEN') : await this.storedToken();
    const view: HubAccessView = {
      endpoint,
      endpointFrom: envEndpoint ? 'environment' : setEndpoint ? 'settings' : 'default',
      tokenFrom: envToken ? 'environment' : token ? 'settings' : null,
    };
    return { endpoint, view, ...(token ? { authorization: { origin: new URL(endpoint).origin, token } } : {}) };
  }

  async view(): Promise<HubAccessView> {
    return (await this.resolve()).view;
  }

  /** Stores the token readable by this user only, or forgets it. */
  async setToken(token: string | null): Promise<HubAccessView> {
    if (token === null) await rm(this.tokenFile, { force: true });
    else await writeFileAtomic(this.tokenFile, checked(hubTokenSchema, token, 'token'), { mode: 0o600 });
    return this.view();
  }
}
