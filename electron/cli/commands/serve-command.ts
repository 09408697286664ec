import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { StudioError } from '../../../shared/contract/errors';
import { createStudio } from '../../host/studio';
import { accessToken } from '../../server/access';
import { API_PREFIX } from '../../server/api/api-routes';
import { DEFAULT_PORT, startServer } from '../../server/serve';
import type { CliCommand } from '../command';

const RENDERER_DIR = fileURLToPath(new URL('../../../dist/renderer', import.meta.url));

export const serveCommand: CliCommand = {
  words: ['serve'],
  summary: 'Run the studio in a browser: services + the built renderer on http://127.0.0.1',
  usage: 'studio serve [--port N] [--host ADDR] [--allow-remote [--token T] [--allow-private-downloads]] [--demo]',
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: String(DEFAULT_PORT) },
    'allow-remote': { type: 'boolean', default: false },
    token: { type: 'string' },
    'allow-private-downloads': { type: 'boolean', default: false },
    demo: { type: 'boolean', default: false },
  },
  async run(ctx) {
    const port = Number(ctx.values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new StudioError('invalid_input', `--port: "${String(ctx.values.port)}" is not a port number`);
    const host = String(ctx.values.host);
    const allowRemote = Boolean(ctx.values['allow-remote']);
    const allowPrivateDownloads = Boolean(ctx.values['allow-private-downloads']);
    if (allowPrivateDownloads && !allowRemote) throw new StudioError('invalid_input', '--allow-private-downloads is only used with --allow-remote (loopback mode never refuses them)');
    // Bad bind or token options fail here, before the library is opened; startServer checks them again.
    const token = accessToken({ host, allowRemote, token: ctx.values.token as string | undefined }) ?? undefined;
    if (!existsSync(RENDERER_DIR)) throw new StudioError('not_found', `the renderer is not built (${RENDERER_DIR} is missing): run \`npm run build\``);
    // Its own studio rather than ctx.studio(): remote mode changes what downloads may reach.
    const studio = await createStudio({ dataDir: ctx.libraryDir, transport: 'serve', refusePrivateDownloads: allowRemote && !allowPrivateDownloads });
    try {
      if (ctx.values.demo && (await studio.services.models.list()).length === 0) await studio.services.models.installDemo();
      const running = await startServer(studio, { host, port, allowRemote, ...(token ? { token } : {}), rendererDir: RENDERER_DIR });
      const api = `${new URL(running.url).origin}${API_PREFIX}`;
      const apiKey = running.token ? ` (API key: the token)` : '';
      ctx.result(
        { url: running.url, api, dataDir: ctx.libraryDir, remote: running.token !== null },
        `Character Studio is running at ${running.url}\nOpenAI-compatible API: ${api}${apiKey}\nData folder: ${ctx.libraryDir}\nPress Ctrl+C to stop.`,
      );
      // Load the default model in the background so the first chat does not wait for it.
      void studio.services.models.resolveDefault().then((m) => (m ? studio.services.runtime.load(m) : undefined)).catch(() => undefined);
      await new Promise<void>((resolve) => {
        const stop = (): void => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await running.close();
    } finally {
      await studio.dispose();
    }
  },
};
