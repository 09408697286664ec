import { useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { chatKeyAction } from './chat-keys';
import { useMentionCompletion } from './scene/use-mention-completion';

const NO_NAMES: readonly string[] = [];

interface Props {
  /** What the empty box says. */
  placeholder: string;
  streaming: boolean;
  /** A scene lets the user step in while characters talk: the line is sent once the reply on its way ends. */
  sendWhileStreaming?: boolean;
  /** A scene's cast names, offered when an "@" is typed. */
  mentionNames?: readonly string[];
  disabled: boolean;
  /** A sent message the studio could not save, to put back in the box. */
  unsent: string | null;
  onSend: (text: string) => void;
  onStop: () => void;
  /** `unsent` is back in the box. */
  onUnsentTaken: () => void;
}

/**
 * The message box: Enter sends, Shift+Enter breaks the line, Esc stops; the text stays until it is sent,
 * and comes back when the studio could not save it (anything typed meanwhile is kept after it).
 */
export function Composer({ placeholder, streaming, sendWhileStreaming = false, mentionNames = NO_NAMES, disabled, unsent, onSend, onStop, onUnsentTaken }: Props) {
  const { t } = useTranslation('chat');
  const [text, setText] = useState('');
  const mention = useMentionCompletion(mentionNames, text, setText);
  useEffect(() => {
    if (unsent === null) return;
    setText((typed) => (typed.trim() === '' ? unsent : `${unsent}\n${typed}`));
    onUnsentTaken();
  }, [unsent, onUnsentTaken]);
  const send = (): void => {
    if ((streaming && !sendWhileStreaming) || disabled || text.trim() === '') return;
    onSend(text);
    setText('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (mention.onKeyDown(event)) return;
    const action = chatKeyAction({ ...event, isComposing: event.nativeEvent.isComposing }, { inComposer: true, streaming });
    if (action === 'send') {
      event.preventDefault();
      send();
    }
  };
  return (
    <div className="composer">
      {mention.choices.length > 0 && (
        <div className="mention-choices" role="group" aria-label={t('scene.mention')} data-testid="mention-choices">
          {mention.choices.map((name) => (
            <button key={name} type="button" data-testid="mention-choice" onMouseDown={(e) => e.preventDefault()} onClick={() => mention.take(name)}>@{name}</button>
          ))}
        </div>
      )}
      <textarea
        ref={mention.area}
        data-testid="composer-input"
        aria-label={placeholder}
        placeholder={placeholder}
        rows={2}
        value={text}
        disabled={disabled}
        onChange={(e) => {
          setText(e.target.value);
          mention.follow(e.target);
        }}
        onSelect={(e) => mention.follow(e.currentTarget)}
        onKeyDown={onKeyDown}
      />
      {streaming && <button type="button" className="danger" data-testid="composer-stop" onClick={onStop}>{t('stop')}</button>}
      {(!streaming || sendWhileStreaming) && (
        <button type="button" className="primary" data-testid="composer-send" disabled={disabled || text.trim() === ''} onClick={send}>{t('send')}</button>
      )}
    </div>
  );
}
