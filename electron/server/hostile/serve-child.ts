import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createStudio } from '../../host/studio';
import { startServer } from '../serve';

// A real `studio serve` in its own process for the hostile-client suite: the same createStudio and
// startServer as the CLI, with a stand-in renderer (the suite runs before the renderer is built). It
// installs no error handlers of its own, so anything that would end the real server ends this one too.

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    'allow-remote': { type: 'boolean', default: false },
    token: { type: 'string' },
    'allow-private-downloads': { type: 'boolean', default: false },
  },
});
const dataDir = values.data!;
const rendererDir = join(dataDir, '..', 'renderer');
await mkdir(rendererDir, { recursive: true });
await writeFile(join(rendererDir, 'index.html'), '<title>studio</title>');
const allowRemote = values['allow-remote']!;
const studio = await createStudio({ dataDir, transport: 'serve', refusePrivateDownloads: allowRemote && !values['allow-private-downloads'] });
const running = await startServer(studio, {
  host: values.host!,
  port: 0,
  allowRemote,
  token: values.token,
  rendererDir,
});
process.stdout.write(`${JSON.stringify({ url: running.url, pid: process.pid })}\n`);
process.once('SIGTERM', () => {
  void running.close().then(() => studio.dispose()).then(() => process.exit(0));
});
