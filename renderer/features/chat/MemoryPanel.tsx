import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useChat } from './chat-store';
import { FactList } from './FactList';
import { useMemory } from './memory-store';

/** The chat's memory: its pinned facts, the character's, and the rolling summary with its history and settings. */
export function MemoryPanel() {
  const { t } = useTranslation('memory');
  const chat = useChat((s) => s.chat);
  const busy = useChat((s) => s.pending);
  const repliesDone = useChat((s) => s.repliesDone);
  const memory = useMemory();
  const summary = chat?.memory.summary ?? null;
  const [draft, setDraft] = useState(summary?.text ?? '');
  useEffect(() => setDraft(summary?.text ?? ''), [summary?.text, summary?.at]);
  // After each reply the summary may be written in the background: follow it until it is in the chat.
  useEffect(() => {
    if (chat) void useMemory.getState().follow();
  }, [chat?.id, repliesDone]);
  if (!chat) return null;
  const settings = chat.memory.settings;
  return (
    <section className="memory-panel" data-testid="memory-panel" aria-label={t('title')}>
      <strong>{t('title')}</strong>
      <p className="muted">{t('hint')}</p>
      {memory.meter && (
        <p data-testid="memory-meter" data-tokens={memory.meter.memory}>
          <meter min={0} max={memory.meter.context} value={memory.meter.memory} /> {t('meter', { memory: memory.meter.memory, prompt: memory.meter.prompt, window: memory.meter.context })}
        </p>
      )}
      {memory.error && <p className="notice error" role="alert">{memory.error}</p>}
      <FactList facts={chat.memory.facts} label={t('chatFacts')} testId="chat-facts" disabled={busy} onChange={(facts) => void memory.setFacts(facts)} />
      <FactList
        facts={memory.status?.characterFacts ?? []} label={t('characterFacts')} testId="character-facts" disabled={busy}
        onChange={(facts) => void memory.setCharacterFacts(facts)}
      />
      <fieldset className="memory-summary">
        <legend>{t('summary')}</legend>
        {memory.status?.writing && <p className="muted" data-testid="summary-writing">{t('summaryWriting')}</p>}
        {memory.status?.failure && <p className="notice">{t('summaryFailed', { reason: memory.status.failure })}</p>}
        {summary
          ? <p className="muted" data-testid="summary-by" data-by={summary.by}>{t(`summaryBy.${summary.by}`, { at: summary.at.slice(0, 16).replace('T', ' ') })}</p>
          : <p className="muted" data-testid="summary-empty">{t('summaryEmpty')}</p>}
        <textarea aria-label={t('summary')} data-testid="summary-text" value={draft} disabled={busy} onChange={(e) => setDraft(e.target.value)} />
        <button type="button" data-testid="summary-save" disabled={busy || draft.trim() === (summary?.text ?? '')} onClick={() => void memory.setSummary(draft)}>
          {t('saveSummary')}
        </button>
        {chat.memory.history.length > 0 && (
          <details data-testid="summary-history">
            <summary>{t('history', { count: chat.memory.history.length })}</summary>
            <ol>
              {chat.memory.history.map((h) => (
                <li key={`${h.at}-${h.text.length}`}>
                  <p>{h.text}</p>
                  <button type="button" className="link" disabled={busy} onClick={() => setDraft(h.text)}>{t('useVersion')}</button>
                </li>
              ))}
            </ol>
          </details>
        )}
        {chat.scene ? (
          // The summary writer is one voice over one chat: a scene keeps the summary the writer writes.
          <p className="muted" data-testid="summary-scene">{t('summaryInScene')}</p>
        ) : (
          <>
            <label className="row">
              <input type="checkbox" data-testid="summary-on" checked={settings.summary} disabled={busy} onChange={(e) => void memory.setSettings({ ...settings, summary: e.target.checked })} />
              {t('summaryOn')}
            </label>
            <label className="row">
              <span>{t('summaryTokens')}</span>
              <input
                type="number" min={32} max={1024} step={16} data-testid="summary-tokens" defaultValue={settings.summaryTokens} disabled={busy}
                onBlur={(e) => {
                  const n = Math.round(Number(e.target.value));
                  if (n >= 32 && n <= 1024 && n !== settings.summaryTokens) void memory.setSettings({ ...settings, summaryTokens: n });
                }}
              />
            </label>
          </>
        )}
      </fieldset>
      <button type="button" data-testid="memory-carry" disabled={busy} onClick={() => void memory.carry()}>{t('carry')}</button>
    </section>
  );
}
