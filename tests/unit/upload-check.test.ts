// Upload checks (TRUST.md P3) on real images made with sharp: what passes is re-encoded and
// stripped of EXIF/GPS; polyglots, SVG, huge images, renamed PDFs and oversize files are refused.
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { MAX_PIXELS, MAX_UPLOAD_BYTES, activeContentMarker, checkUpload, claimsAgree, sha256Hex, sniffFormat } from '@/lib/upload-check';

function photo(width = 64, height = 48) {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } });
}

async function jpegWithGps(): Promise<Buffer> {
  return photo(80, 40)
    .jpeg()
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'Phone 1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '39/1 29/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '115/1 58/1 0/1' },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

const pngBytes = () => photo().png().toBuffer();

function minimalPdf(body = 'BT /F1 12 Tf 72 712 Td (Invoice 1000 yuan) Tj ET'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n` +
      `3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >> endobj\n` +
      `4 0 obj << /Length ${body.length} >> stream\n${body}\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );
}

/** CRC-32 as PNG uses it, to forge a valid IHDR claiming any size. */
function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** A tiny file whose header claims width × height (a decompression bomb's calling card). */
function pngClaiming(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(1024))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('sniffing and claims (pure)', () => {
  it('knows JPEG, PNG and PDF by their first bytes and nothing else', async () => {
    expect(sniffFormat(await photo().jpeg().toBuffer())).toBe('jpeg');
    expect(sniffFormat(await pngBytes())).toBe('png');
    expect(sniffFormat(minimalPdf())).toBe('pdf');
    expect(sniffFormat(await photo().gif().toBuffer())).toBeNull();
    expect(sniffFormat(await photo().webp().toBuffer())).toBeNull();
    expect(sniffFormat(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffFormat(Buffer.alloc(0))).toBeNull();
  });

  it('requires the extension and declared type to agree with the content', () => {
    expect(claimsAgree('jpeg', 'IMG_0001.JPG', 'image/jpeg')).toBe(true);
    expect(claimsAgree('jpeg', 'photo.jpeg', '')).toBe(true);
    expect(claimsAgree('jpeg', 'blob', 'application/octet-stream')).toBe(true);
    expect(claimsAgree('pdf', 'invoice.jpg', 'image/jpeg')).toBe(false);
    expect(claimsAgree('pdf', 'invoice.pdf', 'image/jpeg')).toBe(false);
    expect(claimsAgree('png', 'x.svg', 'image/png')).toBe(false);
    expect(claimsAgree('jpeg', 'x.heic', 'image/jpeg')).toBe(false);
    expect(claimsAgree('jpeg', 'x.jpg', 'text/html')).toBe(false);
  });

  it('finds markup hidden in binary content, in any letter case', () => {
    expect(activeContentMarker(Buffer.from('\x89PNG....<ScRiPt>alert(1)</script>', 'latin1'), 'png')).toBe('<script');
    expect(activeContentMarker(minimalPdf('/S /JavaScript /JS (app.alert(1))'), 'pdf')).not.toBeNull();
    expect(activeContentMarker(minimalPdf(), 'pdf')).toBeNull();
  });
});

describe('checkUpload', () => {
  it('accepts a JPEG, re-encodes it, applies the orientation and drops EXIF including GPS', async () => {
    const input = await jpegWithGps();
    const before = await sharp(input).metadata();
    expect(before.orientation).toBe(6);
    // The GPS IFD pointer (tag 0x8825, little-endian) is in the camera's EXIF.
    expect(before.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true);
    expect(input.includes(Buffer.from('TestCam'))).toBe(true);

    const r = await checkUpload({ bytes: input, fileName: 'IMG_2001.jpg', declaredType: 'image/jpeg' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.mime).toBe('image/jpeg');
    expect(sniffFormat(r.bytes)).toBe('jpeg');
    expect(r.bytes.equals(input)).toBe(false);
    expect(r.sha256).toBe(sha256Hex(r.bytes));
    // Orientation 6 = rotated 90°: the stored pixels are upright, 40 × 80.
    expect([r.width, r.height]).toEqual([40, 80]);
    const after = await sharp(r.bytes).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(r.bytes.includes(Buffer.from('Exif\0\0'))).toBe(false);
    expect(r.bytes.includes(Buffer.from('TestCam'))).toBe(false);
  });

  it('accepts a PNG and stores a PNG', async () => {
    const r = await checkUpload({ bytes: await pngBytes(), fileName: 'screen.png', declaredType: 'image/png' });
    expect(r).toMatchObject({ ok: true, mime: 'image/png', width: 64, height: 48 });
  });

  it('accepts a well-formed PDF as it is', async () => {
    const pdf = minimalPdf();
    const r = await checkUpload({ bytes: pdf, fileName: 'invoice.pdf', declaredType: 'application/pdf' });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.bytes.equals(pdf)).toBe(true);
      expect(r).toMatchObject({ mime: 'application/pdf', width: null, height: null, sha256: sha256Hex(pdf) });
    }
  });

  it('refuses an SVG, even one named .png', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    expect(await checkUpload({ bytes: svg, fileName: 'a.svg', declaredType: 'image/svg+xml' })).toEqual({ ok: false, error: 'upload.errors.type' });
    expect(await checkUpload({ bytes: svg, fileName: 'a.png', declaredType: 'image/png' })).toEqual({ ok: false, error: 'upload.errors.type' });
  });

  it('refuses HTML, GIF and WebP', async () => {
    expect(await checkUpload({ bytes: Buffer.from('<html><body>hi</body></html>'), fileName: 'a.jpg', declaredType: 'image/jpeg' })).toEqual({ ok: false, error: 'upload.errors.type' });
    expect(await checkUpload({ bytes: await photo().gif().toBuffer(), fileName: 'a.gif', declaredType: 'image/gif' })).toEqual({ ok: false, error: 'upload.errors.type' });
    expect(await checkUpload({ bytes: await photo().webp().toBuffer(), fileName: 'a.webp', declaredType: 'image/webp' })).toEqual({ ok: false, error: 'upload.errors.type' });
  });

  it('refuses a PDF renamed .jpg, and a JPEG declared as PDF', async () => {
    expect(await checkUpload({ bytes: minimalPdf(), fileName: 'photo.jpg', declaredType: 'image/jpeg' })).toEqual({ ok: false, error: 'upload.errors.mismatch' });
    expect(await checkUpload({ bytes: minimalPdf(), fileName: 'photo.jpg', declaredType: '' })).toEqual({ ok: false, error: 'upload.errors.mismatch' });
    expect(await checkUpload({ bytes: await photo().jpeg().toBuffer(), fileName: 'doc.pdf', declaredType: 'application/pdf' })).toEqual({ ok: false, error: 'upload.errors.mismatch' });
  });

  it('refuses polyglots: an image or PDF carrying HTML/script/SVG, or data after the PNG end', async () => {
    const png = await pngBytes();
    const withScript = Buffer.concat([png, Buffer.from('<script>alert(document.cookie)</script>')]);
    expect(await checkUpload({ bytes: withScript, fileName: 'a.png', declaredType: 'image/png' })).toEqual({ ok: false, error: 'upload.errors.damaged' });
    // Trailing payload without any marker: still not a clean PNG.
    expect(await checkUpload({ bytes: Buffer.concat([png, Buffer.from('PK\x03\x04zip-payload')]), fileName: 'a.png', declaredType: 'image/png' })).toEqual({ ok: false, error: 'upload.errors.damaged' });

    // A JPEG whose comment segment holds HTML (a classic GIFAR-style JPEG/HTML polyglot).
    const jpeg = await photo().jpeg().toBuffer();
    const comment = Buffer.from('<html><svg onload=alert(1)>');
    const com = Buffer.concat([Buffer.from([0xff, 0xfe, 0, comment.length + 2]), comment]);
    const polyJpeg = Buffer.concat([jpeg.subarray(0, 2), com, jpeg.subarray(2)]);
    expect((await sharp(polyJpeg).metadata()).format).toBe('jpeg'); // a real, decodable JPEG …
    expect(await checkUpload({ bytes: polyJpeg, fileName: 'a.jpg', declaredType: 'image/jpeg' })).toEqual({ ok: false, error: 'upload.errors.damaged' }); // … still refused

    expect(await checkUpload({ bytes: minimalPdf('<html><script>alert(1)</script></html>'), fileName: 'a.pdf', declaredType: 'application/pdf' })).toEqual({ ok: false, error: 'upload.errors.damaged' });
    expect(await checkUpload({ bytes: minimalPdf('/OpenAction << /S /JavaScript /JS (app.alert(1)) >>'), fileName: 'a.pdf', declaredType: 'application/pdf' })).toEqual({ ok: false, error: 'upload.errors.damaged' });
  });

  it('refuses an image that does not fully decode, and a PDF without its end', async () => {
    const jpeg = await photo(400, 300).jpeg({ quality: 95 }).toBuffer();
    const truncated = jpeg.subarray(0, Math.floor(jpeg.length * 0.6));
    expect(await checkUpload({ bytes: truncated, fileName: 'a.jpg', declaredType: 'image/jpeg' })).toEqual({ ok: false, error: 'upload.errors.damaged' });
    const pdf = minimalPdf();
    expect(await checkUpload({ bytes: pdf.subarray(0, pdf.length - 10), fileName: 'a.pdf', declaredType: 'application/pdf' })).toEqual({ ok: false, error: 'upload.errors.damaged' });
    expect(await checkUpload({ bytes: Buffer.alloc(0), fileName: 'a.jpg', declaredType: 'image/jpeg' })).toEqual({ ok: false, error: 'upload.errors.damaged' });
  });

  it('refuses a PNG whose header claims more than 40 megapixels, before decoding it', async () => {
    const bomb = pngClaiming(20_000, 20_000);
    expect(bomb.length).toBeLessThan(2_000);
    expect(await checkUpload({ bytes: bomb, fileName: 'a.png', declaredType: 'image/png' })).toEqual({ ok: false, error: 'upload.errors.tooManyPixels' });
  });

  it('refuses a real 48-megapixel PNG made with sharp', async () => {
    const huge = await sharp({ create: { width: 8000, height: 6000, channels: 3, background: '#ffffff' } }).png({ compressionLevel: 9 }).toBuffer();
    expect(8000 * 6000).toBeGreaterThan(MAX_PIXELS);
    expect(huge.length).toBeLessThan(MAX_UPLOAD_BYTES);
    expect(await checkUpload({ bytes: huge, fileName: 'a.png', declaredType: 'image/png' })).toEqual({ ok: false, error: 'upload.errors.tooManyPixels' });
  }, 30_000);

  it('refuses more than 10 MB', async () => {
    const big = Buffer.alloc(MAX_UPLOAD_BYTES + 1, 0x20);
    big.set([0xff, 0xd8, 0xff, 0xe0]);
    expect(await checkUpload({ bytes: big, fileName: 'a.jpg', declaredType: 'image/jpeg' })).toEqual({ ok: false, error: 'upload.errors.tooLarge' });
    const bigPdf = Buffer.concat([minimalPdf(), Buffer.alloc(MAX_UPLOAD_BYTES, 0x20), Buffer.from('%%EOF\n')]);
    expect(await checkUpload({ bytes: bigPdf, fileName: 'a.pdf', declaredType: 'application/pdf' })).toEqual({ ok: false, error: 'upload.errors.tooLarge' });
  });
});
