import 'server-only';
// The place picker's options for a point: the official's places and what lies below them
// (county, townships, villages), indented by depth, in the page's language.
import type { PlaceOption } from './stock-forms';

export function pointPlaceOptions(rows: { id: number; name: string; nameEn: string; path: string }[], locale: string): PlaceOption[] {
  if (rows.length === 0) return [];
  const top = Math.min(...rows.map((r) => r.path.split('/').length));
  return rows.map((r) => ({ id: r.id, label: locale === 'en' ? r.nameEn : r.name, depth: r.path.split('/').length - top }));
}
