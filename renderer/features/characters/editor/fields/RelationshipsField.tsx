import { useTranslation } from 'react-i18next';
import type { Relationship } from '../../../../../shared/character/character-schema';
import { pathKey, type FieldPath } from '../draft-path';
import { ProblemText, useField } from './FieldShell';
import { ListEditor } from './ListField';

function RelationshipRow({ path }: { path: FieldPath }) {
  const { t } = useTranslation('characters');
  const [name, setName] = useField<string>([...path, 'name']);
  const [relation, setRelation] = useField<string>([...path, 'relation']);
  return (
    <div className="pair">
      <input type="text" value={name ?? ''} placeholder={t('relationship.name')} aria-label={t('relationship.name')} data-testid={`field-${pathKey([...path, 'name'])}`} onChange={(e) => setName(e.target.value)} />
      <input type="text" value={relation ?? ''} placeholder={t('relationship.relation')} aria-label={t('relationship.relation')} data-testid={`field-${pathKey([...path, 'relation'])}`} onChange={(e) => setRelation(e.target.value)} />
      <ProblemText path={[...path, 'name']} />
    </div>
  );
}

/** People in the character's life: name and what they are to the character. */
export function RelationshipsField({ label, hint }: { label: string; hint: string }) {
  const path = ['attributes', 'relationships'];
  return (
    <ListEditor<Relationship> path={path} label={label} hint={hint} blank={{ name: '', relation: '' }} renderItem={(_, __, itemPath) => <RelationshipRow path={itemPath} />} />
  );
}
