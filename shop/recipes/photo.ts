import { AppError } from '../api/errors';

/**
 * Recipe photos: what the data URL says is checked against what the bytes are, so a renamed file
 * or a script labelled image/png never reaches the database or an <img>.
 */

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
/** base64 of the largest photo plus the data URL's header */
export const MAX_PHOTO_DATA_URL_LENGTH = Math.ceil(MAX_PHOTO_BYTES / 3) * 4 + 64;

const DATA_URL = /^data:(image\/[a-z+.-]+);base64,([A-Za-z0-9+/]*={0,2})$/;

/** The image type the bytes' magic numbers say, or null. */
export function sniffImageType(bytes: Uint8Array): PhotoType | null {
  const at = (i: number) => bytes[i] ?? -1;
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.every((b, i) => at(i) === b)) return 'image/png';
  const ascii = (from: number, text: string) => [...text].every((ch, i) => at(from + i) === ch.charCodeAt(0));
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  return null;
}

/** A photo upload as bytes and type; refuses anything but a JPEG, PNG or WebP of at most 2 MB. */
export function parsePhotoDataUrl(dataUrl: string, field = 'dataUrl'): { bytes: Buffer; type: PhotoType } {
  const match = DATA_URL.exec(dataUrl);
  if (!match) throw new AppError('invalid_input', 'errors:recipes.photoData', { field });
  const declared = match[1] ?? '';
  if (!(PHOTO_TYPES as readonly string[]).includes(declared)) {
    throw new AppError('invalid_input', 'errors:recipes.photoType', { field });
  }
  const bytes = Buffer.from(match[2] ?? '', 'base64');
  if (bytes.length > MAX_PHOTO_BYTES) {
    throw new AppError('too_large', 'errors:recipes.photoTooLarge', { field, params: { max: MAX_PHOTO_BYTES / (1024 * 1024) } });
  }
  const actual = sniffImageType(bytes);
  // the bytes decide: a declared type they do not bear out is refused, not silently relabelled
  if (actual === null || actual !== declared) throw new AppError('invalid_input', 'errors:recipes.photoType', { field });
  return { bytes, type: actual };
}

export function photoDataUrl(bytes: Uint8Array | null, type: string | null): string | null {
  if (!bytes || !type || bytes.length === 0) return null;
  return `data:${type};base64,${Buffer.from(bytes).toString('base64')}`;
}
