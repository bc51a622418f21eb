import { useTranslation } from 'react-i18next';
import { hiddenLayerOptions } from '../../engine/models/spec';
import { useStudio } from '../../store';
import { useSettledConfig } from '../useSettledConfig';
import { currentMeta, studentPreset, teacherPreset } from '../../store/configSlice';
import { NumberField } from './NumberField';
import { LayerPairFields } from './LayerPairFields';

/** Most conv-layer pairs attention transfer may match (the field's list length). */
const MAX_PAIRS = 8;

/** Attention transfer (Zagoruyko & Komodakis 2017): pairs of conv layers whose attention maps are matched, and β. */
export function AttentionControls({ locked }: { locked: boolean }) {
  const { t } = useTranslation();
  const config = useSettledConfig();
  const setConfig = useStudio((s) => s.setConfig);
  const shape = currentMeta(config).inputShape;
  const teacher = teacherPreset(config).spec;
  const student = studentPreset(config).spec;
  // Only conv blocks have a spatial attention map.
  const convs = (spec: typeof teacher) => hiddenLayerOptions(spec, shape).filter((l) => l.shape.length === 3);
  const tConvs = convs(teacher);
  const sConvs = convs(student);
  const usable = teacher.kind === 'cnn' && student.kind === 'cnn' && tConvs.length > 0 && sConvs.length > 0;
  const pairs = config.atTeacherLayers.map((tl, i) => ({ teacher: tl, student: config.atStudentLayers[i] ?? sConvs[0]?.index ?? 0 }));
  const setPairs = (next: { teacher: number; student: number }[]) =>
    setConfig({ atTeacherLayers: next.map((p) => p.teacher), atStudentLayers: next.map((p) => p.student) });
  // The deepest conv blocks of each model, the usual first choice.
  const lastPair = () => ({ teacher: tConvs[tConvs.length - 1]?.index ?? 0, student: sConvs[sConvs.length - 1]?.index ?? 0 });
  return (
    <>
      <label className="check">
        <input
          type="checkbox"
          checked={config.atEnabled}
          disabled={locked || (!usable && !config.atEnabled)}
          onChange={(e) => setConfig({ atEnabled: e.currentTarget.checked, ...(e.currentTarget.checked && usable ? { atTeacherLayers: [lastPair().teacher], atStudentLayers: [lastPair().student] } : {}) })}
        />
        {t('methods.at')}
      </label>
      {!usable ? <p className="hint">{t('methods.atNeedsCnn')}</p> : null}
      {config.atEnabled && usable ? (
        <>
          {pairs.map((p, i) => (
            <div key={i} className="at-pair">
              <LayerPairFields
                labels={{ teacher: t('methods.atTeacher', { n: String(i + 1) }), student: t('methods.atStudent', { n: String(i + 1) }) }}
                teacher={{ layers: tConvs, index: p.teacher, onChange: (v) => setPairs(pairs.map((q, j) => (j === i ? { ...q, teacher: v } : q))) }}
                student={{ layers: sConvs, index: p.student, onChange: (v) => setPairs(pairs.map((q, j) => (j === i ? { ...q, student: v } : q))) }}
                disabled={locked}
              />
              {pairs.length > 1 ? (
                <button type="button" disabled={locked} onClick={() => setPairs(pairs.filter((_, j) => j !== i))}>
                  {t('methods.atRemove', { n: String(i + 1) })}
                </button>
              ) : null}
            </div>
          ))}
          {pairs.length < MAX_PAIRS ? (
            <button type="button" disabled={locked} onClick={() => setPairs([...pairs, lastPair()])}>
              {t('methods.atAdd')}
            </button>
          ) : null}
          <NumberField field="atBeta" label={t('methods.atBeta')} disabled={locked} />
          <p className="hint">{t('methods.atHint')}</p>
        </>
      ) : null}
    </>
  );
}
