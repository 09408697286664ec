import type { TranscriptFormat } from '../../../shared/chat/transcript';

/** The media type and file extension of each transcript format. */
const FILE_TYPES: Record<TranscriptFormat, { extension: string; mediaType: string }> = {
  text: { extension: '.txt', mediaType: 'text/plain' },
  jsonl: { extension: '.jsonl', mediaType: 'application/jsonl' },
};

/** The download's file name (the studio's name, with the format's extension when it has none) and media type. */
export function transcriptFile(name: string, format: TranscriptFormat): { fileName: string; mediaType: string } {
  const { extension, mediaType } = FILE_TYPES[format];
  return { fileName: name.toLowerCase().endsWith(extension) ? name : `${name}${extension}`, mediaType };
}
