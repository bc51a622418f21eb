import { useTranslation } from 'react-i18next';
import { QUANTIZATION_CHOICES, type QuantizationChoice } from '../../worker/modelMessages';

/** Props of the precision radio group. */
interface PrecisionPickerProps {
  value: QuantizationChoice;
  disabled: boolean;
  onChange: (q: QuantizationChoice) => void;
}

/** Radio buttons: float32, float16 or uint8 weights for the student download. */
export function PrecisionPicker({ value, disabled, onChange }: PrecisionPickerProps) {
  const { t } = useTranslation('models');
  return (
    <fieldset className="precision" disabled={disabled}>
      <legend>{t('export.precision')}</legend>
      {QUANTIZATION_CHOICES.map((q) => (
        <label key={q} className="check">
          <input type="radio" name="student-precision" value={q} checked={value === q} onChange={() => onChange(q)} /> {t(`export.${q}`)}
        </label>
      ))}
    </fieldset>
  );
}
