import { useTranslation } from 'react-i18next';
import { renderBotInfo } from '../../../../../shared/character/render-profile';
import { useEditor } from '../editor-store';
import { RelationshipsField } from '../fields/RelationshipsField';
import { StringListField } from '../fields/ListField';
import { TextField } from '../fields/TextField';
import { EditorSection } from './EditorSection';

type Mode = 'structured' | 'freeText';

function ModeSwitch() {
  const { t } = useTranslation('characters');
  const draft = useEditor((s) => s.draft)!;
  const replace = useEditor((s) => s.replace);
  const setMode = (profileMode: Mode): void => replace({ ...draft, profileMode }, 'profileMode');
  return (
    <div className="mode-switch" role="radiogroup" aria-label={t('sections.profile')}>
      {(['structured', 'freeText'] as const).map((mode) => (
        <label key={mode} className={draft.profileMode === mode ? 'active' : ''}>
          <input type="radio" name="profile-mode" value={mode} checked={draft.profileMode === mode} data-testid={`mode-${mode}`} onChange={() => setMode(mode)} />
          {t(`profileMode.${mode}`)}
        </label>
      ))}
      <small className="cfield-hint">{t('profileMode.hint')}</small>
    </div>
  );
}

function FreeTextProfile() {
  const { t } = useTranslation('characters');
  const draft = useEditor((s) => s.draft)!;
  const replace = useEditor((s) => s.replace);
  // The rendered structured fields, without the scenario (it is appended in both modes anyway).
  const rendered = renderBotInfo({ ...draft, profileMode: 'structured', scenario: '' });
  return (
    <>
      <TextField path={['freeTextProfile']} label={t('fields.freeTextProfile.label')} hint={t('fields.freeTextProfile.hint')} multiline rows={10} />
      {draft.freeTextProfile.trim() === '' && rendered !== '' && (
        <button type="button" onClick={() => replace({ ...draft, freeTextProfile: rendered }, 'freeTextProfile')}>{t('profileMode.copyRendered')}</button>
      )}
    </>
  );
}

/** The profile: the paper's attributes and behaviours as fields, or one free text. */
export function ProfileSections() {
  const { t } = useTranslation('characters');
  const mode = useEditor((s) => s.draft!.profileMode);
  const f = (key: string): { label: string; hint: string } => ({ label: t(`fields.${key}.label`), hint: t(`fields.${key}.hint`) });
  return (
    <>
      <EditorSection id="profile" title={t('sections.profile')}>
        <ModeSwitch />
        {mode === 'freeText' && <FreeTextProfile />}
      </EditorSection>
      {mode === 'structured' && (
        <>
          <EditorSection id="attributes" title={t('sections.attributes')}>
            <TextField path={['attributes', 'identity']} {...f('identity')} multiline rows={2} />
            <StringListField path={['attributes', 'interests']} {...f('interests')} />
            <StringListField path={['attributes', 'viewpoints']} {...f('viewpoints')} />
            <StringListField path={['attributes', 'experiences']} {...f('experiences')} />
            <StringListField path={['attributes', 'achievements']} {...f('achievements')} />
            <RelationshipsField {...f('relationships')} />
            <TextField path={['attributes', 'other']} {...f('other')} multiline rows={2} />
          </EditorSection>
          <EditorSection id="behaviours" title={t('sections.behaviours')}>
            <TextField path={['behaviours', 'linguisticStyle']} {...f('linguisticStyle')} multiline rows={2} />
            <TextField path={['behaviours', 'personality']} {...f('personality')} multiline rows={2} />
            <TextField path={['behaviours', 'emotionalExpression']} {...f('emotionalExpression')} multiline rows={2} />
            <TextField path={['behaviours', 'interactionPatterns']} {...f('interactionPatterns')} multiline rows={2} />
          </EditorSection>
        </>
      )}
    </>
  );
}
