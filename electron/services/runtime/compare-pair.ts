import type { LlamaModel, Token } from 'node-llama-cpp';
import type { ChatSampler } from '../../../shared/runtime/sampler-schema';
import type { AdapterSpec, ContextPool, Lease } from './context-pool';
import { Lockstep } from './lockstep';
import { decodeReply, type DecodedReply } from './reply-decoder';
import { forkPrompt } from './sequence-fork';
import type { SessionKey } from './session-key';

// A comparison's two replies to one turn, once the engine has fitted their prompts: the sequences they
// decode on, and the decoding itself. With the same adapter both lanes share one context, so the prompt
// is read once, copied to the second sequence, and both replies are sampled in the same batches;
// different adapters need different contexts (llama.cpp applies LoRA per context) and run side by side.

/** One lane of the pair: where it decodes and what. */
export interface PairLane {
  lease: Lease;
  prompt: Token[];
  sampler: ChatSampler;
}

/** Which sequence a lane asks for: its adapter's context, its session's cache. */
interface PairSession {
  adapter: AdapterSpec | null;
  session: SessionKey;
}

/** Sequences for both lanes (the first lane's session, then the second's); `release` gives both back. */
export async function leasePair(
  pool: ContextPool, lanes: readonly [PairSession, PairSession],
): Promise<{ leases: [Lease, Lease]; release: () => void }> {
  const a = await pool.lease(lanes[0].adapter, lanes[0].session);
  try {
    const b = await pool.lease(lanes[1].adapter, lanes[1].session);
    return {
      leases: [a, b],
      release: () => {
        a.release();
        b.release();
      },
    };
  } catch (error) {
    a.release();
    throw error;
  }
}

/** Decodes both replies; `shared`: the lanes are on one context and the prompts are the same. */
export async function decodePair(input: {
  model: LlamaModel; lanes: readonly [PairLane, PairLane]; shared: boolean; stopStrings: readonly string[]; signal: AbortSignal;
  onText: (lane: 0 | 1, text: string) => void;
}): Promise<[DecodedReply, DecodedReply]> {
  const { model, lanes, shared, stopStrings, signal, onText } = input;
  const forked = shared ? await forkPrompt(lanes[0].lease.sequence, lanes[1].lease.sequence, lanes[0].prompt, signal) : null;
  // Same context: the lanes step together so each token of both is decoded in one batch.
  const lockstep = shared ? new Lockstep(2) : undefined;
  const decode = (lane: 0 | 1): Promise<DecodedReply> =>
    decodeReply({
      model, sequence: lanes[lane].lease.sequence, prompt: lanes[lane].prompt, stopStrings, sampler: lanes[lane].sampler, signal,
      onText: (text) => onText(lane, text), lockstep,
    });
  const [a, b] = await Promise.all([decode(0), decode(1)]);
  if (!forked) return [a, b];
  // Lane A read the shared prompt while forking: its stats include that work.
  return [
    { ...a, reusedTokens: forked.reused, evaluatedTokens: a.evaluatedTokens + forked.evaluated, timeToFirstTokenMs: a.timeToFirstTokenMs + forked.ms },
    b,
  ];
}
