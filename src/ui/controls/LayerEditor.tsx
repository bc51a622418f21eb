import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArchPreset } from '../../engine/models/presets';
import { englishArchProblem } from '../../engine/models/archProblems';
import { archProblem, type ArchSpec } from '../../engine/models/spec';
import { useStudio } from '../../store';
import { archShapeProblem, fieldProblem } from '../../store/configFields';
import { analyseRows, compact, shapeText, statsOf, statsText } from './arch/archStatsText';
import { describeArchProblem } from './arch/archProblemText';
import { CnnLayerFields } from './arch/CnnLayerFields';
import { LayerNumber } from './arch/LayerNumber';
import { LayerRow } from './arch/LayerRow';
import { LayerSelect } from './arch/LayerSelect';
import { MlpSettings } from './arch/MlpSettings';
import { presetLabel } from '../i18n/labels';
import { addRow, convertKind, editRows, maxRows, moveItem, removeItem, replaceItem, rowCount, type ModelRole } from './arch/rows';

/** Props of the layer editor of one model. */
interface LayerEditorProps {
  role: ModelRole;
  /** The edited architecture as stored in the config. */
  spec: ArchSpec;
  /** The preset the edit started from (what "Reset to preset" restores). */
  preset: ArchPreset;
  inputShape: number[];
  numClasses: number;
  locked: boolean;
}

/** Fresh row ids for a spec's rows (keys that follow rows when they move). */
const idsFor = (spec: ArchSpec, start: number): number[] => Array.from({ length: rowCount(spec) }, (_, i) => start + i);

/**
 * Rows of hidden layers (MLP widths, or CNN conv / max-pool / flatten / dense / dropout layers) with add, remove, move
 * and reset, each row's output shape, a fixed output row, and the live reason the model cannot be built (which blocks Start).
 */
export function LayerEditor({ role, spec, preset, inputShape, numClasses, locked }: LayerEditorProps) {
  const { t } = useTranslation();
  const setConfig = useStudio((s) => s.setConfig);
  const setFieldError = useStudio((s) => s.setFieldError);
  const key = role === 'teacher' ? 'teacherCustom' : 'studentCustom';
  const who = role === 'teacher' ? t('models.teacher') : t('models.student');
  const kindOptions: readonly { value: ArchSpec['kind']; label: string }[] = [
    { value: 'mlp', label: t('layers.kindMlp') },
    { value: 'cnn', label: t('layers.kindCnn') },
  ];
  const rowName = (i: number) => t('layers.row', { who, n: String(i + 1) });
  // The draft may hold values the config must not (empty or zero widths); the config gets every well-formed draft.
  const [draft, setDraft] = useState<ArchSpec>(spec);
  const [ids, setIds] = useState<number[]>(() => idsFor(spec, 0));
  const nextId = useRef(rowCount(spec));
  const written = useRef(spec);

  // Follow changes of the stored spec made elsewhere (settings reset, storage).
  useEffect(() => {
    if (spec === written.current) return;
    written.current = spec;
    setDraft(spec);
    setIds(idsFor(spec, nextId.current));
    nextId.current += rowCount(spec);
  }, [spec]);

  // The store keeps the English sentence (it only blocks Start); the editor words the code in the chosen language.
  const problemValue = archProblem(draft, inputShape, numClasses) ?? archShapeProblem(draft);
  const problem = problemValue ? englishArchProblem(problemValue) : null;
  useEffect(() => {
    setFieldError(key, problem);
  }, [key, problem, setFieldError]);
  useEffect(() => () => setFieldError(key, null), [key, setFieldError]);

  const commit = (next: ArchSpec, nextIds: number[]) => {
    setDraft(next);
    setIds(nextIds);
    if (fieldProblem(key, next) !== null) return;
    written.current = next;
    setConfig(role === 'teacher' ? { teacherCustom: next } : { studentCustom: next });
  };
  const replaceAll = (next: ArchSpec) => {
    commit(next, idsFor(next, nextId.current));
    nextId.current += rowCount(next);
  };
  const move = (i: number, delta: -1 | 1) => commit(editRows(draft, (rows) => moveItem(rows, i, delta)), moveItem(ids, i, delta));
  const remove = (i: number) => commit(editRows(draft, (rows) => removeItem(rows, i)), removeItem(ids, i));
  const add = () => commit(addRow(draft), [...ids, nextId.current++]);

  const analysis = analyseRows(draft, inputShape, numClasses);
  const stats = problem ? null : statsOf(draft, inputShape, numClasses);
  const count = rowCount(draft);
  const rowProps = (i: number) => ({
    name: rowName(i),
    index: i,
    count,
    shape: analysis.rows[i] ?? null,
    broken: analysis.failedRow === i,
    locked,
    onMove: (delta: -1 | 1) => move(i, delta),
    onRemove: () => remove(i),
  });

  return (
    <div className="layer-editor" role="group" aria-label={t('layers.group', { who })}>
      <div className="layer-settings">
        <LayerSelect name={t('layers.networkType', { who })} caption={t('layers.caption.network')} value={draft.kind} options={kindOptions} disabled={locked} onChange={(kind) => replaceAll(convertKind(draft, kind))} />
        {draft.kind === 'mlp' ? <MlpSettings who={who} spec={draft} locked={locked} onChange={(next) => commit(next, ids)} /> : null}
      </div>
      <ol className="layer-list">
        {draft.kind === 'mlp'
          ? draft.hidden.map((width, i) => (
              <LayerRow key={ids[i]} {...rowProps(i)}>
                <span className="layer-kind">{t('layers.type.dense')}</span>
                <LayerNumber
                  name={t('layers.rowField', { row: rowName(i), field: t('layers.caption.width') })}
                  caption={t('layers.caption.width')}
                  value={width}
                  min={1}
                  disabled={locked}
                  onChange={(w) => commit({ ...draft, hidden: replaceItem(draft.hidden, i, w) }, ids)}
                />
              </LayerRow>
            ))
          : draft.layers.map((layer, i) => (
              <LayerRow key={ids[i]} {...rowProps(i)}>
                <CnnLayerFields name={rowName(i)} layer={layer} locked={locked} onChange={(l) => commit({ ...draft, layers: replaceItem(draft.layers, i, l) }, ids)} />
              </LayerRow>
            ))}
        <li className="layer-row fixed" aria-label={t('layers.output', { who })}>
          <span>
            {t('layers.outputClasses', { count: numClasses })} <span className="hint">{t('layers.setByDataset')}</span>
          </span>
          <span className="layer-shape">
            {analysis.output ? t('layers.shape', { shape: shapeText(analysis.output.shape), params: compact(analysis.output.params) }) : t('layers.noShape')}
          </span>
        </li>
      </ol>
      <div className="buttons">
        <button type="button" className="small" disabled={locked || count >= maxRows(draft)} onClick={add}>
          {t('layers.add')}
        </button>
        <button type="button" className="small" disabled={locked} onClick={() => replaceAll(structuredClone(preset.spec))} title={t('layers.backTo', { label: presetLabel(preset) })}>
          {t('layers.reset')}
        </button>
      </div>
      {problemValue ? (
        <p className="field-error" role="alert">
          {t('layers.problem', { who, problem: describeArchProblem(problemValue, t) })}
        </p>
      ) : null}
      {stats ? <p className="hint">{statsText(stats)}</p> : null}
      <p className="hint">{t('layers.editedFrom', { label: presetLabel(preset) })}</p>
    </div>
  );
}
