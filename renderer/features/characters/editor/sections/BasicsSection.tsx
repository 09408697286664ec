import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { AssetGallery } from '../AssetGallery';
import { AvatarPicker } from '../AvatarPicker';
import { FieldShell, useField } from '../fields/FieldShell';
import { TagsField } from '../fields/TagsField';
import { TextField } from '../fields/TextField';
import { EditorSection } from './EditorSection';

function LanguageField() {
  const { t } = useTranslation('characters');
  const id = useId();
  const [language, setLanguage] = useField<'zh' | 'en'>(['language']);
  return (
    <FieldShell label={t('fields.language.label')} hint={t('fields.language.hint')} path={['language']} htmlFor={id}>
      <select id={id} value={language} data-testid="field-language" onChange={(e) => setLanguage(e.target.value as 'zh' | 'en')}>
        <option value="zh">{t('languages.zh')}</option>
        <option value="en">{t('languages.en')}</option>
      </select>
    </FieldShell>
  );
}

/** Name, nickname, language, avatar, tags, and the assets an imported card came with. */
export function BasicsSection() {
  const { t } = useTranslation('characters');
  return (
    <EditorSection id="basics" title={t('sections.basics')}>
      <div className="basics">
        <AvatarPicker />
        <div className="basics-fields">
          <TextField path={['name']} label={t('fields.name.label')} hint={t('fields.name.hint')} />
          <TextField path={['nickname']} label={t('fields.nickname.label')} hint={t('fields.nickname.hint')} />
          <LanguageField />
        </div>
      </div>
      <TagsField />
      <AssetGallery />
    </EditorSection>
  );
}
