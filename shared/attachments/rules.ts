/** Pure rules of attachments: what publishing needs of them, and whether stored bytes are what was declared. */
import type { Localized } from '#shared/schema.ts';
import { isImage, type AttachmentType } from '#shared/attachments/schema.ts';

interface Described {
  id: string;
  status: string;
  contentType: string;
  alt?: Localized;
}

/** Ready images whose alternative text lacks a required language, with their paths. */
export const attachmentsMissingAlt = (attachments: Described[], required: string[]) =>
  attachments
    .filter((a) => a.status === 'ready' && isImage(a.contentType))
    .map((a) => ({ path: `attachments.${a.id}.alt`, languages: required.filter((lang) => !a.alt?.[lang]) }))
    .filter((m) => m.languages.length > 0);

/** Why stored bytes are not the declared file, or undefined when they are. */
export function uploadMismatch(
  declared: { contentType: AttachmentType; bytes: number },
  stored: { bytes: number; detectedType: string | undefined },
): { path: string; message: string } | undefined {
  if (stored.bytes !== declared.bytes) return { path: 'bytes', message: `declared ${declared.bytes} bytes, uploaded ${stored.bytes}` };
  if (stored.detectedType !== declared.contentType) {
    return { path: 'contentType', message: `declared ${declared.contentType}, the file's own signature says ${stored.detectedType ?? 'unknown'}` };
  }
  return undefined;
}
