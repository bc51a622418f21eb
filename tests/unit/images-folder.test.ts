import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { compareCodePoints, parseClassTree } from '../../src/engine/data/images/classTree';
import { assembleImageSet, planImageSet } from '../../src/engine/data/images/imageSet';
import { MAX_DECODED_BYTES, MAX_IMAGE_CLASSES, maxImagesAt } from '../../src/engine/data/images/limits';
import { checkDeclaredSizes, readZip, ZIP_GUARD } from '../../src/engine/data/images/zipEntries';
import { DataError, type DataErrorValue } from '../../src/engine/data/dataErrors';
import { validateArch } from '../../src/engine/models/archFigures';
import { COLOUR_STUDENT_PRESETS, COLOUR_TEACHER_PRESETS, IMAGE_STUDENT_PRESETS, IMAGE_TEACHER_PRESETS } from '../../src/engine/models/presets';
import { datasetForFamily, uploadFamily } from '../../src/store/uploadSlice';
import { UploadStore } from '../../src/worker/uploads';

/** The data error `f` throws. */
function errorOf(f: () => unknown): DataErrorValue {
  try {
    f();
  } catch (e) {
    if (e instanceof DataError) return e.value;
    throw e;
  }
  throw new Error('expected a DataError');
}

describe('class-folder tree', () => {
  it('makes each top-level folder a class, sorted by code point, and lists what it sets aside', () => {
    const tree = parseClassTree(['dogs/b.png', 'cats/a.png', 'cats/.DS_Store', 'readme.txt', 'cats/kittens/c.png', '__MACOSX/cats/._a.png', 'dogs/a.jpg']);
    expect(tree.classNames).toEqual(['cats', 'dogs']);
    expect(tree.files.map((f) => f.map((x) => x.path))).toEqual([['cats/a.png'], ['dogs/a.jpg', 'dogs/b.png']]);
    expect(tree.files[1]!.map((x) => x.index)).toEqual([6, 0]);
    expect(tree.skipped).toEqual([
      { path: 'cats/.DS_Store', reason: 'notImage' },
      { path: '__MACOSX/cats/._a.png', reason: 'notImage' },
      { path: 'readme.txt', reason: 'outsideClass' },
      { path: 'cats/kittens/', reason: 'nestedFolder' },
    ]);
    expect(tree.wrappers).toEqual([]);
  });

  it('looks through a picked folder and a wrapper folder, but not through a lone class folder', () => {
    const picked = parseClassTree(['photos/set/cats/a.png', 'photos/set/dogs/b.png', 'photos/.DS_Store']);
    expect(picked.wrappers).toEqual(['photos', 'set']);
    expect(picked.classNames).toEqual(['cats', 'dogs']);
    expect(picked.files[0]![0]!.path).toBe('photos/set/cats/a.png');
    expect(picked.skipped).toEqual([{ path: 'photos/.DS_Store', reason: 'notImage' }]);
    const lone = parseClassTree(['cats/a.png', 'cats/b.png']);
    expect(lone.classNames).toEqual(['cats']);
    // Folder entries count: an empty class folder is still a class (with no files).
    const withEmpty = parseClassTree(['set/cats/a.png'], ['set/', 'set/cats/', 'set/dogs/']);
    expect(withEmpty.classNames).toEqual(['cats', 'dogs']);
    expect(withEmpty.files[1]).toEqual([]);
  });

  it('keeps Chinese and emoji names and sorts them as Python does (code points, not UTF-16 units)', () => {
    const tree = parseClassTree(['🐶 狗/1.png', '猫/2.png', '！/3.png', 'Zebra/4.png', 'ant/5.png']);
    // '！' is U+FF01 and '🐶' U+1F436: JavaScript's default sort puts the emoji (a U+D83D surrogate) first.
    expect(['🐶', '！'].sort()).toEqual(['🐶', '！']);
    expect(tree.classNames).toEqual(['Zebra', 'ant', '猫', '！', '🐶 狗']);
    expect(compareCodePoints('a', 'ab')).toBeLessThan(0);
    expect(compareCodePoints('ab', 'ab')).toBe(0);
  });
});

describe('image-set limits', () => {
  it('needs class folders, at least 2 classes and at most 100', () => {
    expect(errorOf(() => planImageSet(['a.png', 'b.png'], [], 32))).toEqual({ code: 'imageNoClasses', files: 2 });
    expect(errorOf(() => planImageSet(['cats/a.png', 'cats/b.png'], [], 32))).toEqual({ code: 'imageSingleClass', name: 'cats' });
    const many = Array.from({ length: MAX_IMAGE_CLASSES + 1 }, (_, i) => `c${i}/x.png`);
    expect(errorOf(() => planImageSet(many, [], 32))).toEqual({ code: 'imageTooManyClasses', count: 101, max: 100 });
    expect(planImageSet(many.slice(0, 100), [], 32).classNames).toHaveLength(100);
  });

  it('bounds the decoded bytes by the image count at the chosen size, before decoding', () => {
    expect(MAX_DECODED_BYTES).toBe(64 * 1024 * 1024);
    expect(maxImagesAt(64)).toBe(5461); // 64 MiB / (64·64·3)
    expect(maxImagesAt(32)).toBe(21845);
    const paths = Array.from({ length: 5462 }, (_, i) => `${i % 2 ? 'a' : 'b'}/${i}.png`);
    expect(errorOf(() => planImageSet(paths, [], 64))).toEqual({ code: 'imageTooManyBytes', images: 5462, size: 64, limitMB: 64, floatMB: 256, maxImages: 5461 });
    expect(planImageSet(paths, [], 48).classNames).toEqual(['a', 'b']);
  });

  it('names every class that kept no image', () => {
    const rgb = new Uint8Array(2 * 2 * 3);
    expect(errorOf(() => assembleImageSet(['a', 'b', 'c'], [{ label: 1, rgb }], 2))).toEqual({ code: 'imageClassEmpty', names: '"a", "c"' });
  });
});

describe('zip reading and the zip-bomb guard', () => {
  it('reads files and folder entries (UTF-8 names)', () => {
    const zip = zipSync({ '猫/a.png': Uint8Array.from([1, 2, 3]), 'dogs/🐶.png': new Uint8Array(5000).fill(7), 'empty/': new Uint8Array(0) }, { level: 6 });
    const { files, folders } = readZip(zip);
    expect(files.map((f) => f.path)).toEqual(['猫/a.png', 'dogs/🐶.png']);
    expect(Array.from(files[0]!.bytes)).toEqual([1, 2, 3]);
    expect(files[1]!.bytes.every((b) => b === 7) && files[1]!.bytes.length === 5000).toBe(true);
    expect(folders).toEqual(['empty/']);
  });

  it('refuses declared sizes over the cap or compressed beyond the ratio, before inflating', () => {
    expect(errorOf(() => checkDeclaredSizes([{ name: 'x', compressed: 10, size: ZIP_GUARD.maxInflated + 1 }]))).toMatchObject({ code: 'zipBomb', limitMB: 1024, ratio: 200 });
    expect(errorOf(() => checkDeclaredSizes([{ name: 'flat.bmp', compressed: 20_000, size: 20 * 1024 * 1024 }]))).toMatchObject({ code: 'zipBomb', detail: '"flat.bmp" declares 20 MB from 20000 bytes' });
    // Small entries may compress well (a flat 1 MB BMP) without being a bomb.
    expect(() => checkDeclaredSizes([{ name: 'small.bmp', compressed: 1000, size: 1024 * 1024 }])).not.toThrow();
    const bomb = zipSync({ 'a/x.png': new Uint8Array(8), 'b/flat.bmp': new Uint8Array(20 * 1024 * 1024) }, { level: 9 });
    expect(errorOf(() => readZip(bomb))).toMatchObject({ code: 'zipBomb' });
  });

  it('caps the bytes actually inflated when a header understates them', () => {
    const zip = zipSync({ 'a/x.bin': new Uint8Array(300_000) }, { level: 9 });
    // Rewrite the declared size to 1,000 bytes in the central directory and in the local header.
    const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    for (let i = 0; i + 4 <= zip.length; i++) {
      if (v.getUint32(i, true) === 0x02014b50) v.setUint32(i + 24, 1000, true);
      if (v.getUint32(i, true) === 0x04034b50) v.setUint32(i + 22, 1000, true);
    }
    expect(errorOf(() => readZip(zip))).toMatchObject({ code: 'zipBomb', detail: '"a/x.bin" inflates past the 1000 bytes it declares' });
    // And the running total is capped too.
    const honest = zipSync({ 'a/x.bin': new Uint8Array(3000), 'b/y.bin': new Uint8Array(3000) });
    expect(errorOf(() => readZip(honest, { ...ZIP_GUARD, maxInflated: 5000 }))).toMatchObject({ code: 'zipBomb' });
  });

  it('says what is wrong with a file that is not a zip', () => {
    expect(errorOf(() => readZip(new TextEncoder().encode('not a zip at all, just some text to read')))).toEqual({ code: 'zipUnreadable', detail: 'no end-of-central-directory record' });
  });
});

describe('an image set in the upload store', () => {
  it('becomes [S, S, 3] features in 0–1 with the seeded, stratified 80/20 split, and records how it was prepared', () => {
    const size = 4;
    const kept = Array.from({ length: 30 }, (_, i) => ({ label: i % 3, rgb: Uint8Array.from({ length: size * size * 3 }, (_, j) => (i * 8 + j) % 256) }));
    const data = assembleImageSet(['a', 'b', 'c'], kept, size);
    expect(data.inputShape).toEqual([4, 4, 3]);
    expect(data.classCounts).toEqual([10, 10, 10]);
    expect(data.x[0]).toBe(0);
    expect(data.x[1]).toBeCloseTo(1 / 255, 7);
    expect(data.x[48 + 2]).toBeCloseTo(10 / 255, 7);
    const store = new UploadStore();
    const { meta, summary } = store.addImages(data, 'shapes.zip', 7, { size, fit: 'pad', classCounts: data.classCounts, skipped: 2 });
    expect(meta).toMatchObject({ name: 'shapes.zip', inputShape: [4, 4, 3], numClasses: 3, trainCount: 24, testCount: 6, missingFromTest: [] });
    expect(meta.imageFolder).toEqual({ size: 4, fit: 'pad', classCounts: [10, 10, 10], skipped: 2, splitSeed: 7 });
    const ds = store.get(meta.id);
    expect([0, 1, 2].map((k) => ds.test.y.filter((y) => y === k).length)).toEqual([2, 2, 2]);
    // Colour thumbnails: RGB bytes back from the features.
    expect(summary.gallery[0]).toMatchObject({ width: 4, height: 4, channels: 3 });
    expect(summary.gallery[0]!.pixels).toHaveLength(48);
    // The same seed gives the same split.
    const again = new UploadStore();
    expect(Array.from(again.get(again.addImages(data, 's', 7, { size, fit: 'pad', classCounts: data.classCounts, skipped: 0 }).meta.id).test.x)).toEqual(Array.from(ds.test.x));
  });

  it('names a class too small for the test split', () => {
    const kept = [...Array.from({ length: 20 }, () => ({ label: 0, rgb: new Uint8Array(12) })), { label: 1, rgb: new Uint8Array(12) }, ...Array.from({ length: 20 }, () => ({ label: 2, rgb: new Uint8Array(12) }))];
    const data = assembleImageSet(['big', 'tiny', 'other'], kept, 2);
    const { meta } = new UploadStore().addImages(data, 'x', 1, { size: 2, fit: 'crop', classCounts: data.classCounts, skipped: 0 });
    expect(meta.missingFromTest).toEqual(['tiny']);
  });

  it('gets the colour CNN and MLP presets on 32×32×3 (and every offered size)', () => {
    for (const size of [16, 24, 32, 48, 64]) {
      for (const p of [...COLOUR_TEACHER_PRESETS, ...COLOUR_STUDENT_PRESETS, ...IMAGE_TEACHER_PRESETS, ...IMAGE_STUDENT_PRESETS])
        expect(validateArch(p.spec, [size, size, 3], 10), `${p.id} at ${size}`).toBeNull();
      expect(uploadFamily({ inputShape: [size, size, 3], numClasses: 10 })).toBe('colour');
      expect(datasetForFamily('spiral', 'colour')).toBe('colour-shapes');
      expect(datasetForFamily('mnist', 'colour')).toBe('colour-shapes');
    }
  });
});
