import type { Character } from '../../../shared/character/character-schema';
import type { ChatRecordInput } from '../../../shared/chat/chat-records';
import type { ChatState } from '../../../shared/chat/chat-state';
import { laneLabel, type LaneSpec, type Verdict } from '../../../shared/chat/evaluation';
import type { ComparePacket, CompareResult, EvaluationsView } from '../../../shared/contract/domains/chat';
import { StudioError } from '../../../shared/contract/errors';
import { lastTurnTarget, replyRequest, resolveAdapter, sceneSpeaker, type ReplyTarget, type SceneCast } from './chat-context';
import { newId } from './chat-paths';
import type { EvaluationsStore } from './evaluations-store';
import type { ReplyRunnerDeps } from './reply-runner';

interface Pending {
  characterId: string;
  chatId: string;
  target: ReplyTarget;
  /** The chat's last message when the comparison ran; keeping a reply needs the chat unchanged. */
  lastMessageId: string | null;
  /** In a scene: the character whose line the two replies are. */
  speaker: string | null;
  lanes: [LaneSpec, LaneSpec];
  labels: [string, string];
  replies: [string, string];
  revision: number;
}

/** Distinct labels for two sides, even when their settings are the same (e.g. two random seeds). */
function labelsFor(lanes: [LaneSpec, LaneSpec]): [string, string] {
  const a = laneLabel(lanes[0], lanes[1]);
  const b = laneLabel(lanes[1], lanes[0]);
  return a === b ? [`${a} · A`, `${b} · B`] : [a, b];
}

/**
 * Side-by-side replies for the current turn and the writer's verdicts on them. Comparisons wait in memory
 * for their verdict; the verdict goes to the evaluation log, and the reply the writer keeps joins the chat.
 */
export class CompareRunner {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly deps: ReplyRunnerDeps,
    private readonly evaluations: EvaluationsStore,
  ) {}

  async compare(
    host: Character, chat: ChatState, lanes: [LaneSpec, LaneSpec], emit: (packet: ComparePacket) => void, signal: AbortSignal,
    cast?: SceneCast,
  ): Promise<CompareResult> {
    const model = await this.deps.ensureModel();
    const target = lastTurnTarget(chat, 'regenerate', () => newId('m'));
    const character = cast ? sceneSpeaker(chat, cast, target) : host;
    const adapters = await Promise.all(lanes.map((l) => resolveAdapter(this.deps.charactersDir, character.id, l.adapter, model)));
    const request = replyRequest(this.deps.charactersDir, character, chat, target, adapters[0]!, await this.deps.characterFacts(character.id), { cast: cast?.characters });
    const replies = await this.deps.engine.replyPair(
      request,
      [{ sampler: lanes[0].sampler, adapter: adapters[0]! }, { sampler: lanes[1].sampler, adapter: adapters[1]! }],
      (lane, packet) => emit(packet.type === 'token' ? { type: 'token', lane, text: packet.text } : { ...packet, lane }),
      signal,
    );
    const compareId = newId('cmp');
    const labels = labelsFor(lanes);
    this.pending.set(compareId, {
      characterId: host.id, chatId: chat.id, speaker: cast ? character.id : null, target, lastMessageId: chat.messages.at(-1)?.id ?? null, lanes, labels,
      replies: [replies[0].text, replies[1].text], revision: host.revision,
    });
    return { compareId, labels, replies };
  }

  /** Records the verdict; with `keep`, adds that reply to the chat (as the reply, or a new swipe of it). */
  async judge(
    input: { characterId: string; chatId: string; compareId: string; verdicts: Record<'consistency' | 'humanLikeness' | 'engagement', Verdict>; keep: 0 | 1 | null },
    chat: ChatState,
  ): Promise<{ chat: ChatState; evaluations: EvaluationsView }> {
    const p = this.pending.get(input.compareId);
    if (!p || p.characterId !== input.characterId || p.chatId !== input.chatId) {
      throw new StudioError('not_found', 'this comparison is no longer waiting for a verdict (the studio restarted or it was judged): run it again');
    }
    if (input.keep !== null && (chat.messages.at(-1)?.id ?? null) !== p.lastMessageId) {
      throw new StudioError('conflict', 'the chat changed since this comparison: judge it without keeping a reply');
    }
    await this.evaluations.add(input.characterId, {
      id: newId('ev'), at: this.deps.now(), chatId: input.chatId, characterRevision: p.revision, lanes: p.lanes, labels: p.labels,
      replies: p.replies, verdicts: input.verdicts, kept: input.keep,
    });
    this.pending.delete(input.compareId);
    let next = chat;
    if (input.keep !== null) {
      const text = p.replies[input.keep];
      const at = this.deps.now();
      const speaker = p.speaker ? { speaker: p.speaker } : {};
      const records: ChatRecordInput[] = p.target.isNewMessage
        ? [{ t: 'message', id: p.target.messageId, role: 'character', ...speaker, swipes: [{ text, at }], active: 0, at }]
        : [
            { t: 'reply-start', id: p.target.messageId, swipe: p.target.swipe, at, ...speaker },
            { t: 'reply-end', id: p.target.messageId, swipe: p.target.swipe, text, stopReason: 'eos' },
          ];
      next = await this.deps.store.append(input.characterId, input.chatId, records);
    }
    const { entries, tally } = await this.evaluations.list(input.characterId);
    return { chat: next, evaluations: { entries, tally } };
  }
}
