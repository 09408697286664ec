import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { previewPrompt } from '../../../../shared/character/prompt-preview';
import { blocksSave } from '../../../../shared/character/validate-character';
import { useEditor } from '../editor/editor-store';
import { useTokenCounts } from './use-token-counts';

const SAMPLE_MESSAGE = { zh: '你好', en: 'Hello' } as const;

/** The rendered bot_info, the exact prompt of the next turn with its control tokens, and its token cost. */
export function PromptPreviewPanel() {
  const { t } = useTranslation('characters');
  const draft = useEditor((s) => s.draft);
  const problems = useEditor((s) => s.problems);
  const valid = !blocksSave(problems);
  const [message, setMessage] = useState<string | null>(null);
  const userMessage = message ?? (draft ? SAMPLE_MESSAGE[draft.language] : '');
  // Rendered here, by the same pure code the chat engine uses, so the text follows every keystroke.
  const texts = useMemo(() => (draft ? previewPrompt(draft, userMessage) : null), [draft, userMessage]);
  const { tokens, profileOverHalf } = useTokenCounts(draft, userMessage, valid);
  if (!draft || !texts) return null;
  const counts = tokens && {
    profile: tokens.profile,
    prompt: tokens.prompt,
    contextSize: tokens.contextLength,
    model: tokens.modelName ?? '',
  };
  return (
    <section className="preview" aria-label={t('preview.heading')} data-testid="prompt-preview">
      <h2>{t('preview.heading')}</h2>
      <h3>{t('preview.botInfo')}</h3>
      {texts.botInfo === ''
        ? <p className="empty" data-testid="preview-bot-info-empty">{t('preview.botInfoEmpty')}</p>
        : <pre className="preview-text" data-testid="preview-bot-info">{texts.botInfo}</pre>}
      <h3>{t('preview.prompt')}</h3>
      <label className="sample-message">
        <span>{t('preview.sampleMessage')}</span>
        <input type="text" value={userMessage} data-testid="preview-sample-message" onChange={(e) => setMessage(e.target.value)} />
      </label>
      <div className="prompt-block">
        <div className="prefix-tokens" title={t('preview.prefix')} aria-label={t('preview.prefix')}>
          {texts.prefixTokens.map((token) => <code key={token} className="control-token" data-testid="prefix-token">{token}</code>)}
        </div>
        <pre className="preview-text" data-testid="preview-prompt">{texts.promptText}</pre>
      </div>
      {!valid && <p className="cfield-hint">{t('preview.invalid')}</p>}
      {counts && (
        <p className="token-count" data-testid="token-count" data-counter={tokens.counter}>
          {t(tokens.counter === 'model' ? 'preview.tokensModel' : 'preview.tokensEstimate', counts)}
        </p>
      )}
      {counts && profileOverHalf && <p className="warning" role="alert" data-testid="context-warning">{t('preview.overHalf', counts)}</p>}
    </section>
  );
}
