/** One legend entry: a colour swatch (dashed for secondary series) and a label. */
export interface LegendItem {
  label: string;
  color: string;
  dashed?: boolean;
}

/**
 * A plain HTML legend. Recharts' own legend measures itself on every redraw, which costs main-thread
 * time during live training; this one is static, readable on a projector, and visible to screen readers.
 */
export function SeriesLegend({ items }: { items: readonly LegendItem[] }) {
  return (
    <ul className="legend">
      {items.map((it) => (
        <li key={it.label}>
          <svg width="22" height="10" aria-hidden="true">
            <line x1="1" y1="5" x2="21" y2="5" stroke={it.color} strokeWidth="3" strokeDasharray={it.dashed ? '4 3' : undefined} />
          </svg>
          {it.label}
        </li>
      ))}
    </ul>
  );
}
