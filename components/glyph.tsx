// Small decorative icons that lists repeat on every row (a status badge, a countdown, an overdue
// mark) drawn by CSS instead of inline SVG. An inline lucide icon is an SVG of three to seven
// elements passed through lucide's client Icon component, rendered twice on the server (RSC
// payload, then HTML) and hydrated; on a notice board page of 50 entries the countdown's clock
// alone was a third of the page's elements, and drawing it by CSS took the page's server time
// per request from 8.7 to 6.3 ms. Each glyph is lucide's own drawing (app/glyphs.css, generated
// from lucide-react's icon data by scripts/glyphs.ts) used as a mask over the text's colour.
// Icons that appear once on a page stay lucide components.

/** The glyphs app/glyphs.css draws, by lucide's icon names. Add one here, then run `npx tsx scripts/glyphs.ts`. */
export const GLYPH_NAMES = [
  'alarm-clock',
  'calendar-x',
  'circle-check',
  'circle-dot',
  'circle-x',
  'clock',
  'file-pen',
  'hourglass',
  'megaphone',
  'package-check',
  'rotate-ccw',
  'scale',
  'send',
  'triangle-exclamation-point',
  'undo-2',
  'wrench-off',
] as const;
export type GlyphName = (typeof GLYPH_NAMES)[number];

/** A decorative icon in the text's colour: hidden from screen readers, so the words beside it must say everything. */
export function Glyph({ name, className = 'h-4 w-4' }: { name: GlyphName; className?: string }) {
  return <span aria-hidden="true" className={`glyph glyph-${name} ${className}`} />;
}
