import {
  ChatWrapper, LlamaText, SpecialToken, SpecialTokensText,
  type ChatHistoryItem, type ChatWrapperGenerateContextStateOptions, type ChatWrapperGeneratedContextState,
} from 'node-llama-cpp';
import {
  CHARACTERGLM_PREFIX_TOKENS, CHARACTERGLM_STOP_STRINGS, type DialogueTurn, type SessionMeta,
} from '../../../shared/prompt/characterglm-format';
import { renderReplyPrompt } from '../../../shared/runtime/reply-prompt';

/** Plain text of a node-llama-cpp history item (function calls have no place in CharacterGLM's format). */
function itemText(item: ChatHistoryItem): string {
  if (item.type === 'model') return item.response.filter((r): r is string => typeof r === 'string').join('');
  return typeof item.text === 'string' ? item.text : LlamaText.fromJSON(item.text).toString();
}

/**
 * node-llama-cpp's chat wrapper for CharacterGLM (DESIGN.md §3). node-llama-cpp would otherwise pick
 * Llama2Chat for the `chatglm` architecture; this renders the official demo's format through the shared,
 * golden-tested module instead. System messages, when given, replace the profile text (`bot_info`).
 */
export class CharacterGlmChatWrapper extends ChatWrapper {
  readonly wrapperName = 'CharacterGLM';

  constructor(private readonly meta: SessionMeta) {
    super();
  }

  override generateContextState({ chatHistory }: ChatWrapperGenerateContextStateOptions): ChatWrapperGeneratedContextState {
    const system = chatHistory.filter((i) => i.type === 'system').map(itemText);
    const meta = system.length > 0 ? { ...this.meta, botInfo: system.join('\n') } : this.meta;
    const turns: DialogueTurn[] = chatHistory
      .filter((i) => i.type !== 'system')
      .map((i) => ({ speaker: i.type === 'user' ? 'user' : 'character', text: itemText(i) }));
    // The last model item is the reply being generated (empty, or partial when continuing).
    const last = turns.at(-1);
    const partial = last?.speaker === 'character' ? turns.pop()!.text : '';
    return {
      contextText: LlamaText([new SpecialTokensText(CHARACTERGLM_PREFIX_TOKENS.join('')), renderReplyPrompt(meta, turns, partial)]),
      stopGenerationTriggers: [LlamaText(new SpecialToken('EOS')), ...CHARACTERGLM_STOP_STRINGS.map((s) => LlamaText(s))],
    };
  }
}
