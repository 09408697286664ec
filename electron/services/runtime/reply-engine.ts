import type { ReplyPacket, ReplyResult } from '../../../shared/runtime/generation';
import type { Lane, PromptPreview, ReplyRequest, WindowMeasure } from './chat-engine';

// What chat, compare, profile variants, the CLI and the /v1 server ask of whatever computes replies: the
// model loaded here (ChatEngine) or an OpenAI-compatible server (RemoteEngine). Settings → Runtime picks
// one per request, so a switch takes effect at the next reply.

export interface ReplyEngine {
  /** Generates one reply, streaming its text; resolves once the reply is complete (or stopped). */
  reply(request: ReplyRequest, onPacket: (packet: ReplyPacket) => void, signal: AbortSignal): Promise<ReplyResult>;
  /** Two replies for the same turn (compare), each lane with its own sampler and adapter. */
  replyPair(request: ReplyRequest, lanes: readonly [Lane, Lane], onPacket: (lane: 0 | 1, packet: ReplyPacket) => void, signal: AbortSignal): Promise<[ReplyResult, ReplyResult]>;
  /** The exact prompt a reply would get, as "Show prompt" displays it. */
  preview(request: ReplyRequest): Promise<PromptPreview>;
  /** Forgets a session (its chat was deleted or its KV no longer matches). */
  forget(session: string): Promise<void>;
  dispose(): Promise<void>;
  /** Token lengths of a chat's prompt parts, for planning its summary; engines that cannot tell leave it out. */
  measure?(request: ReplyRequest): Promise<WindowMeasure | null>;
}

/** The engine Settings → Runtime names, asked again for every request. */
export class ReplyEngineSwitch implements ReplyEngine {
  constructor(
    private readonly local: ReplyEngine,
    private readonly remote: ReplyEngine,
    private readonly choice: () => Promise<'local' | 'remote'>,
  ) {}

  private async engine(): Promise<ReplyEngine> {
    return (await this.choice()) === 'remote' ? this.remote : this.local;
  }

  async reply(request: ReplyRequest, onPacket: (packet: ReplyPacket) => void, signal: AbortSignal): Promise<ReplyResult> {
    return (await this.engine()).reply(request, onPacket, signal);
  }

  async replyPair(request: ReplyRequest, lanes: readonly [Lane, Lane], onPacket: (lane: 0 | 1, packet: ReplyPacket) => void, signal: AbortSignal): Promise<[ReplyResult, ReplyResult]> {
    return (await this.engine()).replyPair(request, lanes, onPacket, signal);
  }

  async preview(request: ReplyRequest): Promise<PromptPreview> {
    return (await this.engine()).preview(request);
  }

  async measure(request: ReplyRequest): Promise<WindowMeasure | null> {
    const engine = await this.engine();
    return engine.measure ? engine.measure(request) : null;
  }

  async forget(session: string): Promise<void> {
    await Promise.all([this.local.forget(session), this.remote.forget(session)]);
  }

  async dispose(): Promise<void> {
    await Promise.all([this.local.dispose(), this.remote.dispose()]);
  }
}
