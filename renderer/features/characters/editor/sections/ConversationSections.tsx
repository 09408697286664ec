import { useTranslation } from 'react-i18next';
import { DialoguesField } from '../fields/DialoguesField';
import { StringListField } from '../fields/ListField';
import { TextField } from '../fields/TextField';
import { EditorSection } from './EditorSection';

/** How chats begin and where they happen, example dialogues, and the writer's own notes. */
export function ConversationSections() {
  const { t } = useTranslation('characters');
  const f = (key: string): { label: string; hint: string } => ({ label: t(`fields.${key}.label`), hint: t(`fields.${key}.hint`) });
  return (
    <>
      <EditorSection id="greetings" title={t('sections.greetings')}>
        <TextField path={['greeting']} {...f('greeting')} multiline rows={2} />
        <StringListField path={['alternateGreetings']} {...f('alternateGreetings')} />
      </EditorSection>
      <EditorSection id="scenario" title={t('sections.scenario')}>
        <TextField path={['scenario']} {...f('scenario')} multiline rows={2} />
      </EditorSection>
      <EditorSection id="examples" title={t('sections.examples')}>
        <DialoguesField />
      </EditorSection>
      <EditorSection id="notes" title={t('sections.notes')}>
        <TextField path={['creatorNotes']} {...f('creatorNotes')} multiline rows={3} />
      </EditorSection>
    </>
  );
}
