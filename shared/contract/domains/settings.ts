import { z } from 'zod';
import { request } from '../define';
import { settingsPatchSchema, type Settings } from '../../settings/settings';

export const settingsContract = {
  get: request<Settings>()(z.object({}).strict()),
  update: request<Settings>()(settingsPatchSchema),
};
