import { useTranslation } from 'react-i18next';
import type { TranscriptFormat } from '../../../shared/chat/transcript';
import { studio } from '../../transport/studio-client';
import { openChatRef, useChat } from './chat-store';
import { downloadText } from './download-text';
import { chatErrorLine } from './save-failure';
import { transcriptFile } from './transcript-file';

const FORMATS: readonly TranscriptFormat[] = ['text', 'jsonl'];

/** "Export transcript": the open chat or scene as plain text or JSONL, offered as a download. */
export function TranscriptExport() {
  const { t } = useTranslation('chat');
  const chat = useChat((s) => s.chat);
  const save = async (format: TranscriptFormat): Promise<void> => {
    try {
      const transcript = await studio.chat.transcript({ ...openChatRef(), format });
      const { fileName, mediaType } = transcriptFile(transcript.name, format);
      downloadText(transcript.content, fileName, mediaType);
    } catch (error) {
      useChat.setState({ error: chatErrorLine(error, t) });
    }
  };
  return (
    <span className="transcript-export" role="group" aria-label={t('transcript.export')}>
      <span className="muted">{t('transcript.export')}</span>
      {FORMATS.map((format) => (
        <button key={format} type="button" data-testid={`transcript-${format}`} disabled={!chat} onClick={() => void save(format)}>{t(`transcript.${format}`)}</button>
      ))}
    </span>
  );
}
