import { useTranslation } from 'react-i18next';
import type { ReplyResult } from '../../../shared/runtime/generation';

/** What the last reply cost: prompt tokens read and reused, tokens generated, first-token time, speed. */
export function ReplyStats({ reply }: { reply: ReplyResult }) {
  const { t } = useTranslation('chat');
  const s = reply.stats;
  return (
    <p className="reply-stats muted" data-testid="chat-stats" data-evaluated={s.evaluatedTokens} data-reused={s.reusedTokens}>
      {t('stats', {
        prompt: s.promptTokens, evaluated: s.evaluatedTokens, reused: s.reusedTokens, generated: s.generatedTokens,
        ttft: Math.round(s.timeToFirstTokenMs), tps: s.decodeTokensPerSecond.toFixed(1),
      })}
    </p>
  );
}
