// Class names for a staff list drawn once for every width (UI.md: cards on a phone, a table from
// 1024 px). A real <table> — caption, header row, row headers, so screen readers get a table at
// every width — that below 1024 px is a grid of cards: the header row is kept for screen readers
// only and each <tr> becomes a card (one column under 640 px, two from 640 px). Drawing the rows
// once, instead of a card list and a hidden table, halves what a phone downloads and what the
// server renders per row.
//
// In a row, cells with `first` share the card's top line (say the link to the record and its
// status badge); cells with `line` come below it, each on its own line. Cells keep their table
// order from 1024 px.
export const cardTable = {
  /** Around the <table>: the table's frame from 1024 px (the cards have their own). */
  frame: 'lg:overflow-x-auto lg:rounded-xl lg:border lg:border-slate-200 lg:bg-white',
  table: 'w-full border-collapse text-left max-lg:block',
  head: 'bg-slate-50 max-lg:sr-only',
  /** A column header. */
  th: 'border-b border-slate-200 px-4 py-2 font-semibold text-slate-800',
  body: 'max-lg:grid max-lg:gap-3 sm:max-lg:grid-cols-2',
  row: 'max-lg:grid max-lg:grid-cols-[1fr_auto] max-lg:items-center max-lg:gap-x-2 max-lg:rounded-xl max-lg:border max-lg:border-slate-200 max-lg:bg-white max-lg:p-4 max-lg:shadow-sm lg:border-b lg:border-slate-100 lg:last:border-b-0 lg:hover:bg-slate-50',
  /** A cell on the card's top line (at most two per row: the left one and the right one). */
  first: 'text-left font-normal lg:px-4 lg:py-2',
  /** A cell on its own line of the card, under the top line. */
  line: 'max-lg:order-1 max-lg:col-span-2 lg:px-4 lg:py-2',
} as const;
