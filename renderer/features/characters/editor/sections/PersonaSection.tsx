import { useTranslation } from 'react-i18next';
import { TextField } from '../fields/TextField';
import { EditorSection } from './EditorSection';

/** The user persona of the CharacterGLM session: user_name and user_info. */
export function PersonaSection() {
  const { t } = useTranslation('characters');
  return (
    <EditorSection id="persona" title={t('sections.persona')}>
      <TextField path={['user', 'name']} label={t('fields.userName.label')} hint={t('fields.userName.hint')} />
      <TextField path={['user', 'info']} label={t('fields.userInfo.label')} hint={t('fields.userInfo.hint')} multiline rows={2} />
    </EditorSection>
  );
}
