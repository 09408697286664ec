import { z } from 'zod';
import { request } from '../define';
import { hubTokenSchema } from '../../models/hub-repo';
import { bearerTokenSchema } from '../../validation/http-endpoint';
import { settingsPatchSchema, type Settings } from '../../settings/settings';

/** Where the studio reaches the model hub, and whether it has a token; the token itself is never sent back. */
export interface HubAccessView {
  endpoint: string;
  /** HF_ENDPOINT in the studio's environment wins over Settings, as with the hub's own client. */
  endpointFrom: 'environment' | 'settings' | 'default';
  tokenFrom: 'environment' | 'settings' | null;
}

/** Whether the remote server's API key is set; the key itself is never sent back. */
export interface RemoteKeyView {
  hasApiKey: boolean;
}

export const settingsContract = {
  get: request<Settings>()(z.object({}).strict()),
  update: request<Settings>()(settingsPatchSchema),
  hubAccess: request<HubAccessView>()(z.object({}).strict()),
  /** Stores (or with null forgets) the token for gated and private repositories; write-only. */
  setHubToken: request<HubAccessView>()(z.object({ token: hubTokenSchema.nullable() }).strict()),
  remoteKey: request<RemoteKeyView>()(z.object({}).strict()),
  /** Stores (or with null forgets) the remote server's API key (Settings → Runtime); write-only. */
  setRemoteKey: request<RemoteKeyView>()(z.object({ key: bearerTokenSchema.nullable() }).strict()),
};
