import { describe, expect, it } from 'vitest';
import { IMPORT_MESSAGES_EN, englishImportMessage, importError, type ImportMessage, type ImportMessageKey } from '../../src/engine/import/errors';
import { i18n } from '../../src/ui/i18n';
import { describeBytes, describeImportError } from '../../src/ui/models/importErrorText';

const en = i18n.getFixedT('en', 'models');
const zh = i18n.getFixedT('zh-CN', 'models');

/** Parameters of one sample of every wording (the Record makes a new key without a sample a type error). */
const SAMPLES: Record<ImportMessageKey, Omit<ImportMessage, 'key'>> = {
  emptyFile: { params: {} },
  kerasH5: { params: {} },
  badJson: { params: { detail: 'Unexpected end of JSON input' } },
  badJsonPlain: { params: {} },
  notObjectList: { params: {} },
  notObjectNull: { params: {} },
  notObjectValue: { params: { type: 'string' } },
  graphModel: { params: {} },
  wrongFormat: { params: { format: '"onnx"' } },
  missingTopology: { params: {} },
  topologyNotObject: { params: {} },
  noLayerList: { params: {} },
  layerMalformed: { params: { n: '2' } },
  noClassName: { params: {} },
  functionalNoConfig: { params: {} },
  noLayers: { params: {} },
  onlyInputLayers: { params: {} },
  multipleInputs: { params: { n: '2' } },
  multipleOutputs: { params: { n: '3' } },
  unknownTopology: { params: { className: 'Pipeline' } },
  noInputShape: { params: { layer: 'Dense' } },
  inputShape: { params: { model: '[2]', data: '[5]' } },
  inputShapeReshape: { params: { model: '[784]', data: '[28, 28, 1]' } },
  outputClasses: { params: { outputs: '4', classes: '3' } },
  outputRank: { params: { shape: '[4, 4]', classes: '3' } },
  missingManifest: { params: {} },
  manifestNotList: { params: {} },
  groupNeedsLists: { params: { group: '1' } },
  groupBadPath: { params: { group: '2' } },
  groupNoFile: { params: { group: '1' } },
  entryNoName: { params: { weight: '3', group: '1' } },
  entryBadShape: { params: { name: 'dense/kernel', shape: '[2,-16]' } },
  weightTwice: { params: { name: 'dense/bias' } },
  unsupportedDtype: { params: { name: 'dense/kernel', dtype: '"string"' } },
  unknownQuantization: { params: { name: 'dense/kernel', dtype: '"int4"' } },
  float16NotFloat: { params: { name: 'dense/kernel', dtype: 'int32' } },
  quantNoScale: { params: { name: 'dense/kernel', dtype: 'uint8' } },
  duplicateFile: { params: { name: 'weights.bin' } },
  misnamed: { params: { missing: 'weights.bin', candidate: 'a.bin' } },
  misnamedFits: { params: { missing: 'weights.bin', candidate: 'a.bin' }, bytes: { size: 1024 } },
  missingOne: { params: { files: '"weights.bin"', selected: '"a.bin", "b.bin"' } },
  missingOneNone: { params: { files: '"weights.bin"', selected: '' } },
  missingMany: { params: { files: '"w1.bin", "w2.bin"', selected: '"a.bin"' } },
  missingManyNone: { params: { files: '"w1.bin", "w2.bin"', selected: '' } },
  sizeOneShort: { params: { file: 'weights.bin', files: '"weights.bin"', expectedCount: '396', actualCount: '1' }, bytes: { actual: 1, expected: 396 } },
  sizeOneLong: { params: { file: 'weights.bin', files: '"weights.bin"', expectedCount: '396', actualCount: '404' }, bytes: { actual: 404, expected: 396 } },
  sizeManyShort: { params: { file: 'a.bin', files: '"a.bin", "b.bin"', expectedCount: '4096', actualCount: '2048' }, bytes: { actual: 2048, expected: 4096 } },
  sizeManyLong: { params: { file: 'a.bin', files: '"a.bin", "b.bin"', expectedCount: '4096', actualCount: '8192' }, bytes: { actual: 8192, expected: 4096 } },
  nonFinite: { params: { name: 'dense/kernel', value: 'NaN', bad: '1', total: '32' } },
  unknownLayer: { params: { name: 'Lambda' } },
  unknownActivation: { params: { name: 'swishy' } },
  unknownInitializer: { params: { name: 'MyInit' } },
  unknownRegularizer: { params: { name: 'MyReg' } },
  unknownConstraint: { params: { name: 'MyConstraint' } },
  cannotBuild: { params: { detail: 'Improper config format.' } },
  weightMissing: { params: { name: 'dense/kernel', shape: '[2, 16]' } },
  weightShape: { params: { name: 'dense/kernel', fileShape: '[4, 8]', modelShape: '[2, 16]' } },
  weightsExtra: { params: { n: '2', name: 'extra/kernel' } },
  loadFailed: { params: { detail: 'Boom.' } },
  predictFailed: { params: { detail: 'Boom.' } },
  uncheckable: { params: { detail: 'Boom.' } },
  noModelJson: { params: {} },
  severalModelJson: { params: { names: 'a.json, b.json' } },
  unreadable: { params: { detail: 'NotReadableError' } },
  filesTooLarge: { params: { size: '300', limit: '256' } },
  tooManyParams: { params: { params: '60000000', limit: '50000000' } },
  unexpected: { params: { detail: 'Out of memory' } },
  onnxNotModel: { params: { detail: 'invalid wire type 7 at offset 12' } },
  onnxEmpty: { params: {} },
  onnxNoGraph: { params: {} },
  onnxTooLarge: { params: {}, bytes: { size: 300_000_000, limit: 200_000_000 } },
  onnxOpset: { params: { opset: '3', min: '7', max: '21' } },
  onnxDomain: { params: { domain: 'com.example' } },
  onnxOperator: { params: { op: 'DoesNotExist' } },
  onnxSession: { params: { detail: 'Load model failed.' } },
  onnxInputs: { params: { n: '2', names: 'a, b' } },
  onnxNoInput: { params: {} },
  onnxInputShape: { params: { name: 'x', shape: '[N, 3, 32, 32]', expected: '[N, 28, 28, 1] or [N, 1, 28, 28]' } },
  onnxInputSize: { params: { name: 'x', shape: '[N, 3, 224, 224]', modelSize: '224×224', dataSize: '32×32' } },
  onnxInputType: { params: { name: 'x', type: 'int64' } },
  onnxOutputClasses: { params: { name: 'y', outputs: '5', classes: '10' } },
  onnxOutputRank: { params: { name: 'y', shape: '[N, 10, 2]', classes: '10' } },
  onnxOutputType: { params: { name: 'y', type: 'int64' } },
  onnxRunFailed: { params: { detail: 'Reshape failed.' } },
  onnxNonFinite: { params: { value: 'NaN' } },
};

const samples = (): ImportMessage[] => (Object.keys(SAMPLES) as ImportMessageKey[]).map((key) => ({ key, ...SAMPLES[key] }));

describe('describeImportError', () => {
  it('words every key in English exactly as the engine, and in real Chinese', () => {
    expect(samples()).toHaveLength(Object.keys(IMPORT_MESSAGES_EN).length - 2);
    for (const m of samples()) {
      const english = describeImportError(m, en);
      const chinese = describeImportError(m, zh);
      expect(english, m.key).toBe(englishImportMessage(m));
      expect(english, m.key).not.toMatch(/\{\{|importError\./);
      expect(chinese, m.key).not.toBe(english);
      expect(chinese, m.key).toMatch(/[\u4e00-\u9fff]/);
      expect(chinese, m.key).not.toMatch(/\{\{|importError\./);
    }
  });

  it('keeps the parameters and byte counts in the Chinese sentence', () => {
    expect(describeImportError({ key: 'outputClasses', ...SAMPLES.outputClasses }, zh)).toBe('模型输出 4 个类别，但本数据集有 3 个。');
    expect(describeImportError({ key: 'sizeOneShort', ...SAMPLES.sizeOneShort }, zh)).toBe(
      '“weights.bin”有 1 字节，但 model.json 描述的权重为 396 字节（应为 396，实际 1）。该文件被截断了，或属于另一个模型。',
    );
    expect(describeImportError({ key: 'sizeOneShort', ...SAMPLES.sizeOneShort }, en)).toBe(
      '"weights.bin" has 1 byte, but model.json describes 396 bytes of weights (expected 396, got 1). The file is truncated or belongs to a different model.',
    );
    expect(describeBytes(1024, en)).toBe('1,024 bytes');
    expect(describeBytes(1, en)).toBe('1 byte');
    expect(describeBytes(1024, zh)).toBe('1,024 字节');
  });

  it('words the errors built outside the validator (file picking) like their .message', () => {
    for (const e of [
      importError('missing-manifest', 'noModelJson'),
      importError('missing-manifest', 'severalModelJson', { names: 'a.json, b.json' }),
      importError('load-failed', 'unreadable', { detail: 'NotReadableError' }),
    ]) {
      expect(describeImportError(e.value, en)).toBe(e.message);
      expect(describeImportError(e.value, zh)).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(importError('missing-manifest', 'noModelJson').message).toBe('Select the model.json file together with its weight file(s).');
  });
});
