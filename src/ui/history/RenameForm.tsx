import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

/** Inline form to rename a saved run: a labelled text field, Save (Enter) and Cancel (Escape). */
export function RenameForm({ name, onSave, onCancel }: { name: string; onSave: (name: string) => void; onCancel: () => void }) {
  const { t } = useTranslation('history');
  const [value, setValue] = useState(name);
  const blank = value.trim() === '';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!blank) onSave(value);
  };
  const escape = (e: KeyboardEvent) => {
    if (e.key === 'Escape') onCancel();
  };
  return (
    <form className="history-rename" onSubmit={submit} onKeyDown={escape}>
      <label>
        {t('rename.label', { name })}
        <input type="text" value={value} onChange={(e) => setValue(e.currentTarget.value)} autoFocus aria-invalid={blank} />
      </label>
      {blank ? <span className="field-error">{t('rename.blank')}</span> : null}
      <button type="submit" className="small" disabled={blank}>
        {t('rename.save')}
      </button>
      <button type="button" className="small" onClick={onCancel}>
        {t('rename.cancel')}
      </button>
    </form>
  );
}
