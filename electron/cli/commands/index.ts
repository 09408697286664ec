import type { CliCommand } from '../command';
import { modelsDemoCommand, modelsListCommand } from './models-commands';
import { serveCommand } from './serve-command';

/** Every `studio` command; later features add theirs here. */
export const commands: CliCommand[] = [serveCommand, modelsListCommand, modelsDemoCommand];
