import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HubAccessView } from '../../../shared/contract/domains/settings';
import type { CatalogEntry } from '../../../shared/models/catalog';
import { hubRepoIdSchema, hubRevisionSchema } from '../../../shared/models/hub-repo';
import { licenceIdForModelName } from '../../../shared/models/model-licence';
import { studio } from '../../transport/studio-client';
import { LicenceNotice } from './LicenceNotice';
import { useModels } from './models-store';

type Quant = 'Q4_K_M' | 'Q8_0' | 'F16';

/** Output and whether to keep the downloaded checkpoint, chosen before a get starts. */
function GetOptions({ quant, keep, onQuant, onKeep, testId }: { quant: Quant; keep: boolean; onQuant: (q: Quant) => void; onKeep: (k: boolean) => void; testId: string }) {
  const { t } = useTranslation('models');
  return (
    <>
      <label>{t('add.quant')}
        <select data-testid={`${testId}-quant`} value={quant} onChange={(e) => onQuant(e.target.value as Quant)}>
          <option value="Q4_K_M">{t('get.quantRecommended', { quant: 'Q4_K_M' })}</option>
          <option value="Q8_0">Q8_0</option>
          <option value="F16">F16</option>
        </select>
      </label>
      <label><input type="checkbox" checked={keep} onChange={(e) => onKeep(e.target.checked)} /> {t('get.keepCheckpoint')}</label>
    </>
  );
}

/** The catalog's card for one hub checkpoint (CharacterGLM-6B): what it is, its licence, one button. */
function GetCard({ entry }: { entry: Extract<CatalogEntry, { kind: 'checkpoint' }> }) {
  const { t, i18n } = useTranslation('models');
  const s = useModels();
  const [quant, setQuant] = useState<Quant>('Q4_K_M');
  const [keep, setKeep] = useState(false);
  const licence = s.catalog?.licences.find((l) => l.id === entry.licence);
  const accepted = !licence || Boolean(s.catalog?.acceptedLicences.includes(licence.id));
  const name = entry.repo.split('/')[1]!;
  return (
    <article className="get-card" data-testid="get-card" data-catalog-id={entry.id}>
      <h3>{t('get.cardTitle', { name })}</h3>
      <p>{i18n.language === 'zh-CN' ? entry.description['zh-CN'] : entry.description.en}</p>
      <p className="muted">{t('get.cardFacts', { repo: entry.repo })}</p>
      {licence && <LicenceNotice licence={licence} accepted={accepted} />}
      <GetOptions quant={quant} keep={keep} onQuant={setQuant} onKeep={setKeep} testId="get-card" />
      <button type="button" className="primary" data-testid="get-card-start" disabled={Boolean(s.job) || !accepted}
        onClick={() => void s.get({ repo: entry.repo, revision: entry.revision, quant, keepCheckpoint: keep })}>
        {t('get.cardButton', { name })}
      </button>
    </article>
  );
}

/** Any other ChatGLM2-family repository, by id and revision. */
function GetByRepo() {
  const { t } = useTranslation('models');
  const s = useModels();
  const [repo, setRepo] = useState('');
  const [revision, setRevision] = useState('main');
  const [quant, setQuant] = useState<Quant>('Q4_K_M');
  const [keep, setKeep] = useState(false);
  const repoCheck = hubRepoIdSchema.safeParse(repo);
  const revisionCheck = hubRevisionSchema.safeParse(revision);
  const licence = repoCheck.success ? s.catalog?.licences.find((l) => l.id === licenceIdForModelName(repoCheck.data)) : undefined;
  const accepted = !licence || Boolean(s.catalog?.acceptedLicences.includes(licence.id));
  const ready = repoCheck.success && revisionCheck.success && accepted && !s.job;
  return (
    <form className="form" onSubmit={(e) => {
      e.preventDefault();
      if (ready) void s.get({ repo: repoCheck.data, revision: revisionCheck.data, quant, keepCheckpoint: keep });
    }}>
      <h3>{t('get.otherHeading')}</h3>
      <label>{t('get.repo')}<input data-testid="get-repo" value={repo} onChange={(e) => setRepo(e.target.value)} placeholder="THUDM/chatglm2-6b" /></label>
      {repo.trim() && !repoCheck.success && <p className="error" data-testid="get-repo-problem">{t('get.repoInvalid')}</p>}
      <label>{t('get.revision')}<input data-testid="get-revision" value={revision} onChange={(e) => setRevision(e.target.value)} /></label>
      {!revisionCheck.success && <p className="error">{t('get.revisionInvalid')}</p>}
      {licence && <LicenceNotice licence={licence} accepted={accepted} />}
      <GetOptions quant={quant} keep={keep} onQuant={setQuant} onKeep={setKeep} testId="get-repo" />
      <button type="submit" data-testid="get-repo-start" disabled={!ready}>{t('get.repoButton')}</button>
    </form>
  );
}

/** Get a model from the hub in one step: the catalog's checkpoints as cards, and a field for any other repository. */
export function HubGetPanel() {
  const { t } = useTranslation('models');
  const catalog = useModels((s) => s.catalog);
  const loadCatalog = useModels((s) => s.loadCatalog);
  const [access, setAccess] = useState<HubAccessView | null>(null);
  useEffect(() => void loadCatalog(), [loadCatalog]);
  useEffect(() => {
    void studio.settings.hubAccess({}).then(setAccess, () => setAccess(null));
  }, []);
  const entries = (catalog?.entries ?? []).filter((e): e is Extract<CatalogEntry, { kind: 'checkpoint' }> => e.kind === 'checkpoint');
  return (
    <section className="panel" aria-labelledby="hub-get-heading" data-testid="hub-get">
      <h2 id="hub-get-heading">{t('get.heading')}</h2>
      {access && <p className="muted" data-testid="hub-endpoint">{t(`get.endpoint.${access.endpointFrom}`, { endpoint: access.endpoint })}</p>}
      {entries.map((entry) => <GetCard key={entry.id} entry={entry} />)}
      <GetByRepo />
    </section>
  );
}
