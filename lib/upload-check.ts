// Judges an uploaded file by its content, never by its name (TRUST.md P3): JPEG, PNG or PDF
// only, at most 10 MB and 40 megapixels, the name and declared type must agree with the
// content, no script/HTML/SVG hidden inside, and images are decoded in full and re-encoded
// (which drops EXIF, GPS included), so what is stored is pixels we produced ourselves.
// Edit the limits here and in the `upload.errors.*` sentences together.
import { createHash } from 'node:crypto';
import sharp, { type Metadata } from 'sharp';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** A whole multipart request may be a little larger than the file (boundaries, other fields). */
export const MAX_REQUEST_BYTES = 11 * 1024 * 1024;
export const MAX_PIXELS = 40_000_000;
/** JPEG quality of the re-encoded image: visually lossless for photos of damage and receipts. */
const JPEG_QUALITY = 85;

export type UploadFormat = 'jpeg' | 'png' | 'pdf';
export type UploadMime = 'image/jpeg' | 'image/png' | 'application/pdf';

export const MIME_OF: Record<UploadFormat, UploadMime> = { jpeg: 'image/jpeg', png: 'image/png', pdf: 'application/pdf' };
export const EXTENSION_OF: Record<UploadFormat, 'jpg' | 'png' | 'pdf'> = { jpeg: 'jpg', png: 'png', pdf: 'pdf' };

export const UPLOAD_ERROR_KEYS = ['upload.errors.type', 'upload.errors.tooLarge', 'upload.errors.tooManyPixels', 'upload.errors.mismatch', 'upload.errors.damaged'] as const;
export type UploadErrorKey = (typeof UPLOAD_ERROR_KEYS)[number];

export type UploadCheckResult =
  | {
      ok: true;
      format: UploadFormat;
      mime: UploadMime;
      /** What to store: the re-encoded image, or the PDF as it came. */
      bytes: Buffer;
      sha256: string;
      width: number | null;
      height: number | null;
    }
  | { ok: false; error: UploadErrorKey };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;
/** The IEND chunk: length 0, type, CRC. A valid PNG ends with exactly these 12 bytes. */
const PNG_IEND = [0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82] as const;
/** `%%EOF` must appear this close to the end of a PDF (trailing newlines are common). */
const PDF_EOF_WINDOW = 1024;

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  return prefix.every((b, i) => bytes[at + i] === b);
}

/** The format the bytes really are (magic numbers), or null for anything we do not accept. Pure. */
export function sniffFormat(bytes: Uint8Array): UploadFormat | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, PNG_SIGNATURE)) return 'png';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  return null;
}

const EXTENSIONS: Record<string, UploadFormat> = { jpg: 'jpeg', jpeg: 'jpeg', jpe: 'jpeg', jfif: 'jpeg', png: 'png', pdf: 'pdf' };
const DECLARED_TYPES: Record<string, UploadFormat> = { 'image/jpeg': 'jpeg', 'image/jpg': 'jpeg', 'image/pjpeg': 'jpeg', 'image/png': 'png', 'application/pdf': 'pdf' };
/** Types a browser sends when it does not know: they claim nothing. */
const NO_CLAIM = new Set(['', 'application/octet-stream']);

/**
 * Whether the file name's extension and the declared type agree with the content. A name
 * without an extension claims nothing; any other extension (.gif, .svg, .heic, .html …)
 * or a different known one is a mismatch. Pure.
 */
export function claimsAgree(format: UploadFormat, fileName: string, declaredType: string): boolean {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  if (dot > 0) {
    const ext = base.slice(dot + 1).toLowerCase();
    if (EXTENSIONS[ext] !== format) return false;
  }
  const type = declaredType.split(';')[0]!.trim().toLowerCase();
  if (!NO_CLAIM.has(type) && DECLARED_TYPES[type] !== format) return false;
  return true;
}

/**
 * Markers of content a browser or viewer might run: a "PDF" or image that also parses as
 * HTML or SVG is a polyglot. For PDFs also the actions that run code or open other files.
 * Searched case-insensitively in the raw bytes and, for PDFs, once more with name escapes
 * decoded (`/J#61vaScript` is `/JavaScript`). Defence in depth only: a marker inside a
 * compressed stream is still not seen, which is why every PDF is served as a sandboxed
 * download (app/api/uploads/[id]/route.ts, docs/decisions/0004-pdf-uploads.md). Pure.
 */
const ACTIVE_MARKERS = ['<script', '<html', '<svg', '<!doctype html', '<iframe', '<object', '<embed'];
const PDF_ACTIVE_MARKERS = ['/javascript', '/js ', '/js(', '/js<', '/launch', '/embeddedfile', '/richmedia', '/xfa'];

export function activeContentMarker(bytes: Uint8Array, format: UploadFormat | null): string | null {
  // latin1 maps each byte to one char, so offsets and ASCII matches are exact.
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1').toLowerCase();
  const markers = format === 'pdf' ? [...ACTIVE_MARKERS, ...PDF_ACTIVE_MARKERS] : ACTIVE_MARKERS;
  const found = markers.find((m) => text.includes(m));
  if (found || format !== 'pdf' || !text.includes('#')) return found ?? null;
  const unescaped = text.replace(/#([0-9a-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)).toLowerCase());
  return PDF_ACTIVE_MARKERS.find((m) => unescaped.includes(m)) ?? null;
}

/** A PDF starts with `%PDF-` and has `%%EOF` at (or within a few bytes of) its end. Pure. */
export function pdfLooksComplete(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return false;
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(Math.max(0, bytes.length - PDF_EOF_WINDOW)).toString('latin1');
  return tail.includes('%%EOF');
}

/** A PNG ends with its IEND chunk; anything after it is a payload riding along. Pure. */
export function pngEndsCleanly(bytes: Uint8Array): boolean {
  return bytes.length >= PNG_SIGNATURE.length + PNG_IEND.length && startsWith(bytes, PNG_IEND, bytes.length - PNG_IEND.length);
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface UploadCheckInput {
  bytes: Uint8Array;
  /** The name the browser sent (only its extension is looked at). */
  fileName: string;
  /** The Content-Type the browser declared for the part. */
  declaredType: string;
}

/** Runs every check; on success returns the bytes to store. Never throws for bad input. */
export async function checkUpload({ bytes, fileName, declaredType }: UploadCheckInput): Promise<UploadCheckResult> {
  if (bytes.length > MAX_UPLOAD_BYTES) return { ok: false, error: 'upload.errors.tooLarge' };
  const format = sniffFormat(bytes);
  if (!format) return { ok: false, error: bytes.length === 0 ? 'upload.errors.damaged' : 'upload.errors.type' };
  if (!claimsAgree(format, fileName, declaredType)) return { ok: false, error: 'upload.errors.mismatch' };
  if (activeContentMarker(bytes, format)) return { ok: false, error: 'upload.errors.damaged' };

  if (format === 'pdf') {
    if (!pdfLooksComplete(bytes)) return { ok: false, error: 'upload.errors.damaged' };
    const stored = Buffer.from(bytes);
    return { ok: true, format, mime: MIME_OF.pdf, bytes: stored, sha256: sha256Hex(stored), width: null, height: null };
  }
  if (format === 'png' && !pngEndsCleanly(bytes)) return { ok: false, error: 'upload.errors.damaged' };
  return reencodeImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), format);
}

async function reencodeImage(input: Buffer, format: 'jpeg' | 'png'): Promise<UploadCheckResult> {
  // Dimensions from the header first: a decompression bomb is refused before any decoding.
  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    return { ok: false, error: 'upload.errors.damaged' };
  }
  if (meta.format !== format || !meta.width || !meta.height) return { ok: false, error: 'upload.errors.damaged' };
  if (meta.width * meta.height > MAX_PIXELS) return { ok: false, error: 'upload.errors.tooManyPixels' };

  try {
    // failOn 'truncated': an image that stops half-way is refused; harmless decoder warnings
    // some phone cameras produce are not. rotate() applies the EXIF orientation, and sharp
    // writes no metadata unless asked (withMetadata), so EXIF and GPS are gone.
    const pipeline = sharp(input, { limitInputPixels: MAX_PIXELS, failOn: 'truncated' }).rotate();
    const encoded = format === 'jpeg' ? pipeline.jpeg({ quality: JPEG_QUALITY, mozjpeg: true }) : pipeline.png({ compressionLevel: 9, adaptiveFiltering: true });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    if (data.length > MAX_UPLOAD_BYTES) return { ok: false, error: 'upload.errors.tooLarge' };
    return { ok: true, format, mime: MIME_OF[format], bytes: data, sha256: sha256Hex(data), width: info.width, height: info.height };
  } catch (err) {
    const message = err instanceof Error ? err.message : '';
    if (/pixel limit/i.test(message)) return { ok: false, error: 'upload.errors.tooManyPixels' };
    return { ok: false, error: 'upload.errors.damaged' };
  }
}
