// app/glyphs.css is generated from lucide-react's icon data (scripts/glyphs.ts): it must draw
// every glyph components/glyph.tsx names, exactly as lucide draws it today.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GLYPH_NAMES } from '@/components/glyph';
import { GLYPHS_FILE, glyphCss } from '../../scripts/glyphs';

describe('CSS glyphs', () => {
  it('app/glyphs.css is what scripts/glyphs.ts writes (run `npx tsx scripts/glyphs.ts` after changing the list or lucide)', async () => {
    expect(readFileSync(GLYPHS_FILE, 'utf8')).toBe(await glyphCss());
  });

  it('draws each named glyph with lucide\'s own paths', async () => {
    const css = readFileSync(GLYPHS_FILE, 'utf8');
    for (const name of GLYPH_NAMES) {
      const { __iconData } = (await import(`lucide-react/dist/esm/icons/${name}.mjs`)) as { __iconData: { node: [string, Record<string, string>][] } };
      const rule = new RegExp(`\\.glyph-${name} \\{\\n\\s+mask-image: url\\("([^"]+)"\\);`).exec(css);
      expect(rule, name).not.toBeNull();
      const svg = decodeURIComponent(rule![1]!.replace(/^data:image\/svg\+xml,/, ''));
      for (const [, attrs] of __iconData.node) if (attrs.d) expect(svg).toContain(`d='${attrs.d}'`);
    }
  });
});
