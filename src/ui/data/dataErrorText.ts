import type { TFunction } from 'i18next';
import type { DataErrorValue, DataSubject } from '../../engine/data/dataErrors';
import { describeImageError } from './imageErrorText';

/** The name of a part of the user's data in the language of `t` ("images file", 标签文件…). */
export function describeSubject(subject: DataSubject, t: TFunction<'app'>): string {
  switch (subject.kind) {
    case 'imagesFile':
      return t('dataError.subjectImages');
    case 'labelsFile':
      return t('dataError.subjectLabels');
    case 'data':
      return t('dataError.subjectData');
    case 'labelColumn':
      return t('dataError.subjectColumn', { name: subject.name });
  }
}

/** Why the user's CSV or idx files cannot be used, as one sentence in the language of `t` (papaparse's and gzip's details stay as they came). */
export function describeDataError(e: DataErrorValue, t: TFunction<'app'>): string {
  switch (e.code) {
    case 'csvEmpty':
      return t('dataError.csvEmpty');
    case 'csvSyntax':
      return t('dataError.csvSyntax', { line: String(e.line), detail: e.detail });
    case 'labelIndexMissing':
      return t('dataError.labelIndexMissing', { column: String(e.column), n: String(e.columns), last: String(e.columns - 1) });
    case 'labelNameMissing':
      return t('dataError.labelNameMissing', { name: e.name, columns: String(e.columns) });
    case 'noFeatures':
      return t('dataError.noFeatures');
    case 'noRows':
      return t('dataError.noRows');
    case 'columnCount':
      return t(e.header ? 'dataError.columnCountHeader' : 'dataError.columnCountFirstRow', { line: String(e.line), found: String(e.found), expected: String(e.expected) });
    case 'emptyCell':
      return t('dataError.emptyCell', { line: String(e.line), column: e.column });
    case 'notNumber':
      return t('dataError.notNumber', { line: String(e.line), column: e.column, cell: e.cell });
    case 'emptyLabel':
      return t('dataError.emptyLabel', { line: String(e.line), column: e.column });
    case 'allRowsDropped':
      return t('dataError.allRowsDropped', { n: String(e.rows) });
    case 'noValuesToFill':
      return t('dataError.noValuesToFill', { column: e.column });
    case 'tooManyClasses':
      return t('dataError.tooManyClasses', { column: e.column, n: String(e.count), max: String(e.max) });
    case 'idxTooShort':
      return t('dataError.idxTooShort', { subject: describeSubject(e.subject, t), bytes: String(e.bytes) });
    case 'idxMagic':
      return (
        t('dataError.idxMagic', { subject: describeSubject(e.subject, t), found: String(e.found), expected: String(e.expected) }) +
        (e.swapped ? t('dataError.idxSwapped') : '')
      );
    case 'idxShortHeader':
      return t('dataError.idxShortHeader', { subject: describeSubject(e.subject, t), bytes: String(e.bytes), header: String(e.header) });
    case 'idxTruncated':
      return t('dataError.idxTruncated', { subject: describeSubject(e.subject, t), dims: e.dims, expected: String(e.expected), bytes: String(e.bytes) });
    case 'idxTrailing':
      return t('dataError.idxTrailing', { subject: describeSubject(e.subject, t), extra: String(e.extra), dims: e.dims });
    case 'idxNoImages':
      return t('dataError.idxNoImages', { subject: describeSubject(e.subject, t) });
    case 'idxEmptyImages':
      return t('dataError.idxEmptyImages', { subject: describeSubject(e.subject, t), rows: String(e.rows), cols: String(e.cols) });
    case 'idxCountMismatch':
      return t('dataError.idxCountMismatch', { labels: String(e.labels), images: String(e.images) });
    case 'notGzip':
      return t('dataError.notGzip', { subject: describeSubject(e.subject, t), detail: e.detail });
    case 'noExamples':
      return t('dataError.noExamples', { subject: describeSubject(e.subject, t) });
    case 'singleClass':
      return t('dataError.singleClass', { subject: describeSubject(e.subject, t), label: e.label });
    case 'inconsistent':
      return t('dataError.inconsistent', { n: String(e.count), features: String(e.features), needed: String(e.needed), got: String(e.got) });
    case 'tooFewExamples':
      return t('dataError.tooFewExamples', { n: String(e.count), percent: String(e.percent) });
    case 'binaryFile':
      return t('dataError.binaryFile', { name: e.name, kind: t(`dataError.binaryKind.${e.kind}`) });
    case 'gzipTooLarge':
      return t('dataError.gzipTooLarge', { subject: describeSubject(e.subject, t), limit: String(e.limitMB) });
    default:
      return describeImageError(e, t);
  }
}
