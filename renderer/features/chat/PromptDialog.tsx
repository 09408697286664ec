import { useTranslation } from 'react-i18next';
import { useChat } from './chat-store';

/** "Show prompt": the exact text sent to the model for the last turn, with its token count. */
export function PromptDialog() {
  const { t } = useTranslation('chat');
  const tm = useTranslation('memory').t;
  const prompt = useChat((s) => s.prompt);
  const hide = useChat((s) => s.hidePrompt);
  if (!prompt) return null;
  return (
    <div className="prompt-backdrop" onClick={(e) => e.target === e.currentTarget && hide()}>
    <div className="prompt-dialog" role="dialog" aria-label={t('promptTitle', { turn: t(`promptTurn.${prompt.turn}`) })} data-testid="prompt-dialog">
      <div className="row">
        <strong>{t('promptTitle', { turn: t(`promptTurn.${prompt.turn}`) })}</strong>
        <button type="button" onClick={hide} data-testid="prompt-close">{t('close')}</button>
      </div>
      <p data-testid="prompt-tokens" data-tokens={prompt.tokens}>
        {t('promptTokens', { n: prompt.tokens, fixed: prompt.prefixTokens, window: prompt.contextSize })}
      </p>
      {prompt.memoryTokens > 0 && <p data-testid="prompt-memory" data-tokens={prompt.memoryTokens}>{tm('promptShare', { n: prompt.memoryTokens })}</p>}
      <p className="muted">{t('promptControl', { tokens: prompt.controlTokens })}</p>
      {prompt.droppedTurns > 0 && <p className="notice">{t('dropped', { count: prompt.droppedTurns })}</p>}
      <pre className="prompt-text" data-testid="prompt-text">{prompt.text}</pre>
    </div>
    </div>
  );
}
