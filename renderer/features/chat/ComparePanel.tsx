import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EVALUATION_DIMENSIONS, type LaneSpec, type Verdict } from '../../../shared/chat/evaluation';
import type { AdapterSummary } from '../../../shared/training/training-job';
import { adaptersByName } from './chat-adapters';
import { EvaluationTable } from './EvaluationTable';
import { LaneEditor } from './LaneEditor';
import { useChat } from './chat-store';
import { useCompare } from './compare-store';

const VERDICTS: Verdict[] = ['a', 'tie', 'b'];

/** Two replies for the current turn side by side, judged on the paper's three dimensions. */
export function ComparePanel({ characterId }: { characterId: string }) {
  const { t } = useTranslation('chat');
  const chat = useChat((s) => s.chat);
  const compare = useCompare();
  const [adapters, setAdapters] = useState<AdapterSummary[] | null>(null);
  const [lanes, setLanes] = useState<[LaneSpec, LaneSpec] | null>(null);
  useEffect(() => {
    void adaptersByName(characterId).then(setAdapters, () => setAdapters([]));
    void compare.loadEvaluations(characterId);
  }, [characterId]);
  useEffect(() => {
    // Lanes start once the adapters are known: B defaults to the first adapter (base vs adapter).
    if (!chat || lanes || adapters === null) return;
    const base: LaneSpec = { sampler: chat.settings.sampler, adapter: null };
    const first = adapters[0];
    setLanes([base, first ? { ...base, adapter: { name: first.name, scale: 1 } } : { ...base, sampler: { ...base.sampler, temperature: Math.min(2, base.sampler.temperature + 0.3) } }]);
  }, [chat, adapters, lanes]);
  if (!chat || !lanes || adapters === null) return null;
  const judged = EVALUATION_DIMENSIONS.every((d) => compare.verdicts[d]);
  return (
    <section className="compare-panel" data-testid="compare-panel" aria-label={t('compare.title')}>
      <h3>{t('compare.title')}</h3>
      <p className="muted">{t('compare.hint')}</p>
      <div className="compare-lanes">
        <LaneEditor name="a" lane={lanes[0]} adapters={adapters} onChange={(l) => setLanes([l, lanes[1]])} />
        <LaneEditor name="b" lane={lanes[1]} adapters={adapters} onChange={(l) => setLanes([lanes[0], l])} />
      </div>
      <div className="row">
        {compare.running
          ? <button type="button" className="danger" onClick={compare.stop}>{t('stop')}</button>
          : <button type="button" className="primary" data-testid="compare-run" onClick={() => void compare.run(lanes)}>{t('compare.run')}</button>}
        {compare.running && <span className="muted">{t('compare.running')}</span>}
      </div>
      {compare.error && <p className="notice error" role="alert">{compare.error}</p>}
      {(compare.running || compare.result) && (
        <div className="compare-replies">
          {([0, 1] as const).map((lane) => (
            <div key={lane} className="compare-reply" data-testid={`compare-reply-${lane === 0 ? 'a' : 'b'}`}>
              <strong>{compare.result?.labels[lane] ?? t(lane === 0 ? 'compare.laneA' : 'compare.laneB')}</strong>
              <p>{compare.texts[lane]}</p>
            </div>
          ))}
        </div>
      )}
      {compare.result && (
        <div className="verdicts">
          {EVALUATION_DIMENSIONS.map((d) => (
            <div key={d} className="verdict-row" role="radiogroup" aria-label={t(`compare.dimensions.${d}`)}>
              <span>{t(`compare.dimensions.${d}`)}</span>
              {VERDICTS.map((v) => (
                <label key={v}>
                  <input type="radio" name={`verdict-${d}`} data-testid={`verdict-${d}-${v}`} checked={compare.verdicts[d] === v} onChange={() => compare.setVerdict(d, v)} />
                  {t(`compare.verdict.${v}`)}
                </label>
              ))}
            </div>
          ))}
          <div className="verdict-row">
            <span>{t('compare.keep')}</span>
            {([null, 0, 1] as const).map((k) => (
              <label key={String(k)}>
                <input type="radio" name="keep" data-testid={`compare-keep-${k === null ? 'none' : k === 0 ? 'a' : 'b'}`} checked={compare.keep === k} onChange={() => compare.setKeep(k)} />
                {t(k === null ? 'compare.keepNone' : k === 0 ? 'compare.keepA' : 'compare.keepB')}
              </label>
            ))}
          </div>
          <button type="button" className="primary" data-testid="compare-save" disabled={!judged} onClick={() => void compare.save()}>{t('compare.save')}</button>
        </div>
      )}
      <h4>{t('evaluations.title')}</h4>
      <EvaluationTable tally={compare.evaluations?.tally ?? []} />
    </section>
  );
}
