import { z } from 'zod';
import { request } from '../define';

/** Facts about the running studio that the UI shows (About, Settings). */
export interface AppInfo {
  version: string;
  dataDir: string;
  platform: string;
  transport: 'electron' | 'serve';
}

export const appContract = {
  info: request<AppInfo>()(z.object({}).strict()),
};
