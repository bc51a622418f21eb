import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { AgreementView } from './AgreementView';
import { BiasCorrectionPanel } from './BiasCorrectionPanel';
import { ConfusionMatrices } from './ConfusionMatrices';
import { TemperatureExplorer } from './TemperatureExplorer';
import { useClassroomData } from './useClassroomData';
import './classroom.css';

/** The classroom: temperature explorer, confusion matrices, agreement view and bias correction, fed by the inspected test logits. */
export function ClassroomPanels() {
  const { t } = useTranslation('classroom');
  const headingId = useId();
  const data = useClassroomData();
  return (
    <section className="classroom" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('heading')}</h2>
      {data === null ? (
        <p className="classroom-empty">{t('empty')}</p>
      ) : data === 'loading' ? (
        <p className="classroom-empty">{t('loading')}</p>
      ) : (
        <>
          <p className="hint">{t('inspected', { count: data.examples.count })}</p>
          <TemperatureExplorer data={data} />
          <ConfusionMatrices data={data} />
          <AgreementView data={data} />
          <BiasCorrectionPanel data={data} />
        </>
      )}
    </section>
  );
}
