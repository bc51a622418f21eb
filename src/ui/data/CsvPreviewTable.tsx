import { useTranslation } from 'react-i18next';
import type { CsvPreview } from '../../engine/data/csv';

/** The CSV's headers and first rows as a table (all text, never HTML); the label column is marked. */
export function CsvPreviewTable({ preview, labelColumn }: { preview: CsvPreview; labelColumn: number }) {
  const { t } = useTranslation();
  return (
    <div className="csv-preview">
      <table aria-label={t('upload.preview')}>
        <caption>
          {t('upload.previewCaption', { count: preview.rows.length, total: preview.rowCount.toLocaleString('en-US') })}
          {preview.hasHeader ? '' : t('upload.noHeader')}
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
