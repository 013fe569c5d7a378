/** The longest side of a recipe photo as stored: enough for a card and a printed catalogue. */
export const PHOTO_MAX_SIDE = 1024;
const JPEG_QUALITY = 0.85;

/**
 * Shrinks a picked image to at most 1024 px on its longest side and re-encodes it as JPEG, so what
 * travels to the backend is small (a phone photo is 5–10 MB). The backend still checks the bytes.
 */
export async function downsizePhoto(file: Blob, maxSide = PHOTO_MAX_SIDE): Promise<string> {
  const bitmap = await createImageBitmap(file);
  try {
    const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const g = canvas.getContext('2d');
    if (!g) throw new Error('no 2d canvas');
    // JPEG has no transparency: a transparent PNG gets a white background, not a black one.
    g.fillStyle = '#fff';
    g.fillRect(0, 0, width, height);
    g.drawImage(bitmap, 0, 0, width, height);
    return canvas.toDataURL('image/jpeg', JPEG_QUALITY);
  } finally {
    bitmap.close();
  }
}
