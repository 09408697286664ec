import { useTranslation } from 'react-i18next';
import type { ExampleDialogue } from '../../../../../shared/character/character-schema';
import { pathKey, type FieldPath } from '../draft-path';
import { ProblemText, useField } from './FieldShell';
import { ListEditor } from './ListField';

type Line = ExampleDialogue[number];

function LineEditor({ path }: { path: FieldPath }) {
  const { t } = useTranslation('characters');
  const [speaker, setSpeaker] = useField<Line['speaker']>([...path, 'speaker']);
  const [text, setText] = useField<string>([...path, 'text']);
  return (
    <div className="dialogue-line">
      <select value={speaker} aria-label={t('dialogues.user') + ' / ' + t('dialogues.character')} onChange={(e) => setSpeaker(e.target.value as Line['speaker'])}>
        <option value="user">{t('dialogues.user')}</option>
        <option value="character">{t('dialogues.character')}</option>
      </select>
      <input type="text" value={text ?? ''} aria-label={t(`dialogues.${speaker}`)} data-testid={`field-${pathKey([...path, 'text'])}`} onChange={(e) => setText(e.target.value)} />
      <ProblemText path={[...path, 'text']} />
    </div>
  );
}

/** One example dialogue: alternating lines; a new line defaults to the other speaker. */
function DialogueEditor({ path, index }: { path: FieldPath; index: number }) {
  const { t } = useTranslation('characters');
  const [lines = []] = useField<Line[]>(path);
  const last = lines.at(-1)?.speaker;
  return (
    <ListEditor<Line>
      path={path}
      label={t('dialogues.title', { n: index + 1 })}
      blank={{ speaker: last === 'user' ? 'character' : 'user', text: '' }}
      renderItem={(_, __, linePath) => <LineEditor path={linePath} />}
    />
  );
}

/** Example dialogues that show the model the character's voice. */
export function DialoguesField() {
  const { t } = useTranslation('characters');
  const path = ['exampleDialogues'];
  const [dialogues = [], setDialogues] = useField<ExampleDialogue[]>(path);
  return (
    <div className="dialogues" data-testid="dialogues">
      {dialogues.length === 0 && <p className="empty">{t('dialogues.empty')}</p>}
      {dialogues.map((_, d) => (
        <div key={d} className="dialogue">
          <DialogueEditor path={[...path, d]} index={d} />
          <button type="button" className="danger" onClick={() => setDialogues(dialogues.filter((__, j) => j !== d))}>{t('dialogues.remove')}</button>
        </div>
      ))}
      <button type="button" className="add" data-testid="add-exampleDialogues" onClick={() => setDialogues([...dialogues, [{ speaker: 'user', text: '' }, { speaker: 'character', text: '' }]])}>
        + {t('dialogues.add')}
      </button>
    </div>
  );
}
