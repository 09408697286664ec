import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VARIANT_KINDS, type ProfileVariant, type VariantKind } from '../../../shared/training/profile-variants';
import { useVariants } from './variants-store';

/** One stored variant: its text (edited in place, saved on leaving the field), accept and delete. */
function VariantItem({ variant }: { variant: ProfileVariant }) {
  const { t } = useTranslation('training');
  const { update, remove } = useVariants.getState();
  const [text, setText] = useState(variant.text);
  useEffect(() => setText(variant.text), [variant.text]);
  return (
    <li className={variant.accepted ? 'variant accepted' : 'variant'} data-testid="variant-item" data-accepted={variant.accepted}>
      <div className="row">
        <span className="badge">{t(`variants.kinds.${variant.kind}`)}</span>
        <label>
          <input type="checkbox" checked={variant.accepted} data-testid="variant-accept"
            onChange={(e) => void update(variant.id, { accepted: e.target.checked })} />
          {t('variants.accept')}
        </label>
        <button type="button" className="danger" data-testid="variant-delete" onClick={() => void remove(variant.id)}>{t('variants.remove')}</button>
      </div>
      <textarea value={text} rows={3} aria-label={t('variants.text')} data-testid="variant-text"
        onChange={(e) => setText(e.target.value)}
        onBlur={() => text !== variant.text && void update(variant.id, { text })} />
    </li>
  );
}

/**
 * The paper's prompt augmentation: the loaded model rewrites the profile into variants; the writer
 * reviews each, and the next run trains with the profile and the accepted variants in turn.
 */
export function ProfileVariantsPanel({ characterId }: { characterId: string }) {
  const { t } = useTranslation('training');
  const variants = useVariants((s) => s.variants);
  const drafts = useVariants((s) => s.drafts);
  const generating = useVariants((s) => s.generating);
  const error = useVariants((s) => s.error);
  const { generate, stop } = useVariants.getState();
  const [kinds, setKinds] = useState<VariantKind[]>(['paraphrase', 'summary']);
  useEffect(() => {
    void useVariants.getState().load(characterId);
  }, [characterId]);
  const accepted = variants.filter((v) => v.accepted).length;
  const done = useVariants((s) => s.done);
  const toggle = (kind: VariantKind): void => setKinds((k) => (k.includes(kind) ? k.filter((x) => x !== kind) : [...k, kind]));

  return (
    <section className="panel" data-testid="variants-panel">
      <h2>{t('variants.heading')}</h2>
      <p className="muted">{t('variants.hint')}</p>
      <div className="row">
        {VARIANT_KINDS.map((kind) => (
          <label key={kind}>
            <input type="checkbox" checked={kinds.includes(kind)} disabled={generating} data-testid={`variant-kind-${kind}`} onChange={() => toggle(kind)} />
            {t(`variants.kinds.${kind}`)}
          </label>
        ))}
        {generating
          ? <button type="button" data-testid="variants-stop" onClick={stop}>{t('variants.stop')}</button>
          : <button type="button" data-testid="variants-generate" disabled={kinds.length === 0} onClick={() => void generate(kinds)}>{t('variants.generate')}</button>}
      </div>
      {generating && (
        <div data-testid="variants-drafts">
          <progress max={drafts.length} value={done} aria-label={t('variants.progress')} />
          {drafts.map((d, i) => d.text !== '' && <p key={i} className="muted draft">{t(`variants.kinds.${d.kind}`)}: {d.text}</p>)}
        </div>
      )}
      {error && <p className="error" role="alert" data-testid="variants-error">{error}</p>}
      {variants.length === 0 && !generating && <p className="muted" data-testid="variants-empty">{t('variants.empty')}</p>}
      <ul className="variant-list">
        {variants.map((v) => <VariantItem key={v.id} variant={v} />)}
      </ul>
      {variants.length > 0 && <p className="muted" data-testid="variants-summary">{t('variants.summary', { count: accepted })}</p>}
    </section>
  );
}
