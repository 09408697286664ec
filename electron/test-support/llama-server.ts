import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { ensureStudioTools } from '../services/native/studio-tools';

// llama.cpp's own llama-server on loopback, for the tests of the studio as a client of a remote engine
// (unit and e2e alike): built from node-llama-cpp's bundled source in the studio tools' tree, started on a
// port the system picks, with the given model, adapters and API key. A real server, not a stand-in.

export interface TestLlamaServer {
  /** The OpenAI-compatible base, as a user types it in Settings → Runtime (`http://127.0.0.1:PORT/v1`). */
  url: string;
  /** Kills the server at once (SIGKILL), as a crash or a pulled cable would end it. */
  kill: () => void;
  stop: () => Promise<void>;
}

/** Starts llama-server with `model` (and `lora` files, applied at scale 1 unless a request says otherwise). */
export async function startLlamaServer(options: { model: string; lora?: string[]; contextSize?: number; apiKey?: string; threads?: number }): Promise<TestLlamaServer> {
  const exe = (await ensureStudioTools(['llama-server']))['llama-server']!;
  const args = [
    '--model', options.model, '--host', '127.0.0.1', '--port', '0', '--ctx-size', String(options.contextSize ?? 2048),
    '--threads', String(options.threads ?? 2), '--no-webui',
    ...(options.lora ?? []).flatMap((file) => ['--lora', file]),
    ...(options.apiKey ? ['--api-key', options.apiKey] : []),
  ];
  const child: ChildProcess = spawn(exe, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`llama-server did not start in 60 s:\n${log.slice(-2000)}`)), 60_000);
    const onLine = (line: string): void => {
      log = `${log}${line}\n`.slice(-4000);
      // llama-server says where it listens once the model is loaded
      const listening = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (listening) {
        clearTimeout(timer);
        resolve(`${listening[1]}/v1`);
      }
    };
    createInterface({ input: child.stdout! }).on('line', onLine);
    createInterface({ input: child.stderr! }).on('line', onLine);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`llama-server exited (${signal ?? code}) before it listened:\n${log.slice(-2000)}`));
    });
  });
  const exited = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
  return {
    url,
    kill: () => void child.kill('SIGKILL'),
    stop: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
