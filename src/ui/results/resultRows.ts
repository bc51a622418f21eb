import type { TFunction } from 'i18next';
import type { ExperimentResults, ModelResult } from '../../engine/train/types';

/**
 * The results table's rows, named: the teacher (with an ensemble, every teacher and then the ensemble), the teaching
 * assistant when there is one, the student from scratch and the distilled student.
 */
export function resultRows(results: ExperimentResults, t: TFunction<'app'>): [string, ModelResult][] {
  const e = results.ensemble;
  const teachers: [string, ModelResult][] = e
    ? [
        ...e.members.map((m, i): [string, ModelResult] => [t('results.ensembleMember', { member: String(i + 1) }), m]),
        [t('results.ensemble', { teachers: String(e.members.length) }), e.combined],
      ]
    : [[t('results.teacher'), results.teacher]];
  return [
    ...teachers,
    ...(results.assistant ? [[t('results.assistant'), results.assistant] as [string, ModelResult]] : []),
    [t('results.scratch'), results.scratch],
    [t('results.distilled'), results.distilled],
  ];
}
