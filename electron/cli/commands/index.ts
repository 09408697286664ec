import type { CliCommand } from '../command';
import { adaptersExportCommand, adaptersImportCommand } from './adapters-commands';
import { charactersImportCommand } from './characters-import';
import { charactersListCommand } from './characters-list';
import { charactersShowCommand } from './characters-show';
import { chatCommand } from './chat-command';
import { datasetsExportCommand } from './datasets-export-command';
import { modelsDemoCommand, modelsListCommand } from './models-commands';
import { modelsCleanupCommand, modelsConvertCommand, modelsDownloadCommand, modelsGetCommand, modelsImportCommand, modelsRemoveCommand } from './models-job-commands';
import { charactersExportCommand, libraryBackupCommand, libraryRestoreCommand } from './packs-commands';
import { serveCommand } from './serve-command';
import { trainCommand } from './train-command';

/** Every `studio` command; later features add theirs here. */
export const commands: CliCommand[] = [serveCommand, modelsListCommand, modelsDemoCommand, modelsImportCommand, modelsDownloadCommand, modelsConvertCommand, modelsGetCommand, modelsRemoveCommand, modelsCleanupCommand, charactersListCommand, charactersShowCommand, charactersImportCommand, charactersExportCommand, libraryBackupCommand, libraryRestoreCommand, trainCommand, datasetsExportCommand, adaptersImportCommand, adaptersExportCommand, chatCommand];
