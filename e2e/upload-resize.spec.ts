// Issue 3: a photo from a phone camera is shrunk in the browser (long side ≤ 2,000 px) before
// it is sent, so a weak mobile connection copes; the server then re-encodes it.
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { msg, signUpWithHousehold } from './fixtures';

const zh = (key: string) => msg('zh', key);

test('a 4,000 × 3,000 photo arrives as at most 2,000 px on its long side', async ({ page }) => {
  test.slow(); // registers a resident, then makes and shrinks a 12-megapixel photo
  await signUpWithHousehold(page); // a resident of this test's own: the upload is theirs
  await page.goto('/resident/grievances/new');
  // A camera-sized JPEG with noise, so it is also large in bytes.
  const raw = Buffer.alloc(4000 * 3000 * 3);
  for (let i = 0; i < raw.length; i += 97) raw[i] = (i * 31) % 256;
  const jpeg = await sharp(raw, { raw: { width: 4000, height: 3000, channels: 3 } }).jpeg({ quality: 92 }).toBuffer();

  const sent = page.waitForRequest((r) => r.url().endsWith('/api/uploads') && r.method() === 'POST');
  await page.getByLabel(zh('upload.choose')).setInputFiles({ name: 'camera.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  const request = await sent;
  await request.response();
  // What left the phone is smaller than what the camera made.
  expect((await request.sizes()).requestBodySize).toBeLessThan(jpeg.length);

  const thumb = page.locator('img[src^="/api/uploads/"]').first();
  await expect(thumb).toBeVisible();
  const src = (await thumb.getAttribute('src'))!;
  const stored = await page.request.get(src);
  expect(stored.status()).toBe(200);
  const meta = await sharp(await stored.body()).metadata();
  expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(2000);
  expect(meta.width! / meta.height!).toBeCloseTo(4 / 3, 1);
});
