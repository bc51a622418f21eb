import { describe, expect, it } from 'vitest';
import { decodeArch, encodeArch } from '../../src/store/archCode';
import { CONFIG_FIELDS, DEFAULT_CONFIG, type StudioConfig } from '../../src/store/configFields';
import { HASH_KEYS, parseHash, serializeHash } from '../../src/store/urlHash';
import { IMAGE_TEACHER_PRESETS } from '../../src/engine/models/presets';
import type { ArchSpec } from '../../src/engine/models/spec';

type Key = keyof StudioConfig;
const KEYS = Object.keys(CONFIG_FIELDS) as Key[];

/** A valid value other than the default, derived from the field's declaration. */
function otherValue(key: Key): unknown {
  const f = CONFIG_FIELDS[key];
  switch (f.kind) {
    case 'number': {
      const d = f.default as number;
      const v = d === f.max ? f.min : f.integer ? Math.min(f.max, d + 1) : Math.min(f.max, d + (f.max - f.min) / 7);
      return v;
    }
    case 'numberList':
      return f.integer ? [f.min, f.min + 2] : [f.min, (f.min + f.max) / 3];
    case 'enum':
      return f.values.find((v) => v !== f.default);
    case 'enumList':
      return [...f.values].reverse().slice(0, 2);
    case 'boolean':
      return !f.default;
    case 'arch':
      return key === 'teacherCustom' ? IMAGE_TEACHER_PRESETS[0]!.spec : { kind: 'mlp', hidden: [12, 5], activation: 'gelu', dropout: 0.25 };
  }
}

describe('URL hash: round trips generated from the field table', () => {
  for (const key of KEYS) {
    it(`${key} (${HASH_KEYS[key]}) survives serialise → parse`, () => {
      const value = otherValue(key);
      expect(value, 'a non-default value exists').not.toEqual(DEFAULT_CONFIG[key]);
      const config = { ...DEFAULT_CONFIG, [key]: value } as StudioConfig;
      const hash = serializeHash(config);
      expect(hash.startsWith(`#${HASH_KEYS[key]}=`)).toBe(true);
      const parsed = parseHash(hash);
      expect(parsed.notices).toEqual([]);
      expect(parsed.config).toEqual(config);
      expect(parsed.hasConfig).toBe(true);
    });
  }

  it('every field at once, with hide flags and large-font mode', () => {
    const config = Object.fromEntries(KEYS.map((k) => [k, otherValue(k)])) as unknown as StudioConfig;
    const hash = serializeHash(config, ['backend', 'alpha'], { large: true });
    const parsed = parseHash(hash);
    expect(parsed.notices).toEqual([]);
    expect(parsed.config).toEqual(config);
    expect(parsed.hidden).toEqual(['alpha', 'backend']);
    expect(parsed.view).toEqual({ large: true });
    expect(hash).toContain('hide=alpha,backend');
    expect(hash).toContain('large=1');
  });

  it('the default setup is an empty hash, and an empty hash is the defaults', () => {
    expect(serializeHash(DEFAULT_CONFIG)).toBe('');
    expect(parseHash('')).toEqual({ config: DEFAULT_CONFIG, view: {}, hidden: [], notices: [], hasConfig: false, lesson: null });
    expect(parseHash('#')).toEqual(parseHash(''));
  });

  it('carries the open view, and the lesson with its part (1-based), and words bad ones as notices', () => {
    const hash = serializeHash(DEFAULT_CONFIG, [], { view: 'knowledge' }, { id: 'omittedDigit', part: 1 });
    expect(hash).toBe('#view=knowledge&lesson=omittedDigit&part=1');
    expect(parseHash(hash)).toMatchObject({ view: { view: 'knowledge' }, lesson: { id: 'omittedDigit', part: 1 }, notices: [], hasConfig: false });
    expect(serializeHash(DEFAULT_CONFIG, [], { view: 'train' }, { id: 'whyT2', part: null })).toBe('#lesson=whyT2');
    expect(parseHash('#lesson=nope&part=1')).toMatchObject({ lesson: null, notices: [{ kind: 'badValue', key: 'lesson', value: 'nope', used: '' }] });
    expect(parseHash('#lesson=whyT2&part=3')).toMatchObject({ lesson: { id: 'whyT2', part: null }, notices: [{ kind: 'badValue', key: 'part', value: '3', used: '' }] });
    expect(parseHash('#part=2').notices).toEqual([{ kind: 'unknownKey', key: 'part', value: '2' }]);
    expect(parseHash('#view=sideways')).toMatchObject({ view: {}, notices: [{ kind: 'badValue', key: 'view', value: 'sideways', used: 'train' }] });
  });

  it('writes readable values', () => {
    const hash = serializeHash({ ...DEFAULT_CONFIG, temperature: 2.5, sweepAlphas: [0, 0.5], studentCustom: { kind: 'mlp', hidden: [8, 8], activation: 'relu' } });
    expect(hash).toBe('#studentLayers=mlp.relu.8-8&T=2.5&sweepAlpha=0,0.5');
  });
});

describe('URL hash: bad values fall back to defaults with a notice', () => {
  const cases: [string, Key, string][] = [
    ['T=NaN', 'temperature', 'NaN'],
    ['T=99', 'temperature', '99'],
    ['T=', 'temperature', ''],
    ['alpha=-0.1', 'alpha', '-0.1'],
    ['epochs=2.5', 'epochs', '2.5'],
    ['epochs=0x10', 'epochs', '0x10'],
    ['lr=Infinity', 'learningRate', 'Infinity'],
    ['dataset=imagenet', 'dataset', 'imagenet'],
    ['backend=quantum', 'backend', 'quantum'],
    ['opt=rmsprop', 'optimizer', 'rmsprop'],
    ['t2=maybe', 'scaleByT2', 'maybe'],
    ['sweepT=1,abc', 'sweepTemperatures', '1,abc'],
    ['sweepAlpha=0,2', 'sweepAlphas', '0,2'],
    ['exclude=1.5', 'excludeClasses', '1.5'],
    ['teacherLayers=mlp.relu.64-x', 'teacherCustom', 'mlp.relu.64-x'],
    ['teacherLayers=mlp.sigmoid.64', 'teacherCustom', 'mlp.sigmoid.64'],
    ['teacherLayers=mlp.relu.0', 'teacherCustom', 'mlp.relu.0'],
    ['studentLayers=cnn.c8k3s1r-q2', 'studentCustom', 'cnn.c8k3s1r-q2'],
    ['studentLayers=cnn.o1.5', 'studentCustom', 'cnn.o1.5'],
    ['studentLayers=rnn.64', 'studentCustom', 'rnn.64'],
  ];
  for (const [hash, key, value] of cases) {
    it(`#${hash}`, () => {
      const parsed = parseHash(`#${hash}&seed=9`);
      expect(parsed.config).toEqual({ ...DEFAULT_CONFIG, seed: 9 });
      const f = CONFIG_FIELDS[key];
      const used = f.kind === 'arch' ? 'preset' : f.kind === 'numberList' ? (f.default as number[]).join(',') : f.kind === 'boolean' ? (f.default ? '1' : '0') : String(f.default);
      expect(parsed.notices).toEqual([{ kind: 'badValue', key: HASH_KEYS[key], value, used }]);
    });
  }

  it('unknown keys and unknown hide ids are noticed; known ones still apply', () => {
    const parsed = parseHash('#colour=red&hide=alpha,wings,seed,alpha&T=3&large=2');
    expect(parsed.config).toEqual({ ...DEFAULT_CONFIG, temperature: 3 });
    expect(parsed.hidden).toEqual(['alpha', 'seed']); // declared order, once each
    expect(parsed.notices).toEqual([
      { kind: 'unknownKey', key: 'colour', value: 'red' },
      { kind: 'unknownHide', id: 'wings' },
      { kind: 'badValue', key: 'large', value: '2', used: '0' },
    ]);
  });

  it('percent-escapes are decoded, malformed ones kept as text', () => {
    expect(parseHash('#T=%32').config.temperature).toBe(2);
    expect(parseHash('#dataset=%E0%A4').notices).toEqual([{ kind: 'badValue', key: 'dataset', value: '%E0%A4', used: 'spiral' }]);
  });
});

describe('compact architecture text', () => {
  const specs: ArchSpec[] = [
    { kind: 'mlp', hidden: [64, 64], activation: 'tanh' },
    { kind: 'mlp', hidden: [1200, 1200], activation: 'relu', dropout: 0.5 },
    { kind: 'mlp', hidden: [], activation: 'gelu' },
    ...IMAGE_TEACHER_PRESETS.map((p) => p.spec),
    { kind: 'cnn', layers: [{ type: 'conv', filters: 4, kernel: 5, stride: 2, activation: 'gelu', batchNorm: true }, { type: 'dropout', rate: 0.05 }] },
  ];
  for (const spec of specs) {
    it(`${encodeArch(spec)} round-trips and is URL-safe`, () => {
      expect(decodeArch(encodeArch(spec))).toEqual(spec);
      expect(encodeArch(spec)).toMatch(/^[A-Za-z0-9._~-]+$/);
    });
  }

  it('reads the documented examples', () => {
    expect(encodeArch(IMAGE_TEACHER_PRESETS[0]!.spec)).toBe('cnn.c32k3s1r-p2-c64k3s1r-p2-f-d128r-o0.5');
    expect(decodeArch('mlp.relu.8-8.d0.1')).toEqual({ kind: 'mlp', hidden: [8, 8], activation: 'relu', dropout: 0.1 });
    expect(decodeArch('mlp.relu.8-8.x')).toBeNull();
    expect(decodeArch('cnn.c8k3r')).toBeNull();
  });
});
