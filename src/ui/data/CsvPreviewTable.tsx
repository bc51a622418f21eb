import type { CsvPreview } from '../../engine/data/csv';

/** The CSV's headers and first rows as a table (all text, never HTML); the label column is marked. */
export function CsvPreviewTable({ preview, labelColumn }: { preview: CsvPreview; labelColumn: number }) {
  return (
    <div className="csv-preview">
      <table aria-label="CSV preview">
        <caption>
          First {preview.rows.length} of {preview.rowCount.toLocaleString('en-US')} rows{preview.hasHeader ? '' : ' (no header row: columns are numbered)'}
        </caption>
        <thead>
          <tr>
            {preview.headers.map((h, j) => (
              <th key={j} scope="col" className={j === labelColumn ? 'label-col' : undefined}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) => (
                <td key={j} className={j === labelColumn ? 'label-col' : undefined}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
