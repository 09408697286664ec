import type { HubAccessView } from '../../../../shared/contract/domains/settings';
import { HF_ENDPOINT, hubEndpointSchema, hubTokenSchema } from '../../../../shared/models/hub-repo';
import { checkedSecret as checked, SecretFile } from '../../settings/secret-file';
import type { SettingsStore } from '../../settings/settings-file';
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

/** Reads and stores the hub settings for one data folder. */
export class HubAccessStore {
  private readonly tokenFile: SecretFile;

  constructor(
    private readonly settings: SettingsStore,
    tokenFile: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.tokenFile = new SecretFile(tokenFile, hubTokenSchema, 'set the token again in Settings');
  }

  /** The endpoint and token in force now. */
  async resolve(): Promise<HubAccess> {
    const envEndpoint = this.env.HF_ENDPOINT?.trim();
    const setEndpoint = (await this.settings.get()).hubEndpoint;
    const endpoint = envEndpoint ? checked(hubEndpointSchema, envEndpoint, 'HF_ENDPOINT') : setEndpoint ?? HF_ENDPOINT;
    const envToken = this.env.HF_TOKEN?.trim();
    const token = envToken ? checked(hubTokenSchema, envToken, 'HF_TOKEN') : await this.tokenFile.read();
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
    await this.tokenFile.write(token, 'token');
    return this.view();
  }
}
