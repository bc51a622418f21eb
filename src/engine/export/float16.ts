// IEEE 754 half precision, bit-compatible with tfjs-core's float16 weight decoder and numpy's `astype(float16)`.

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

/** Largest finite half-precision value. */
export const FLOAT16_MAX = 65504;

/** Rounds half to even (numpy's `np.round`). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : r;
}

/** Half-precision bits of a float32 value, rounding to nearest even; overflow gives ±Infinity, NaN stays NaN. */
export function float32ToFloat16Bits(value: number): number {
  F32[0] = value;
  const bits = U32[0]!;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  if (exponent === 0xff) return sign | 0x7c00 | ((bits & 0x7fffff) !== 0 ? 0x200 : 0);
  const a = Math.abs(F32[0]!);
  if (a < 2 ** -14) return sign | roundHalfEven(a * 2 ** 24); // subnormal (1024 rolls into the smallest normal)
  let e = exponent - 127; // float32 normal (float32 subnormals are far below 2^-14)
  let q = roundHalfEven((a / 2 ** e - 1) * 1024);
  if (q === 1024) {
    q = 0;
    e += 1;
  }
  if (e + 15 >= 31) return sign | 0x7c00;
  return sign | ((e + 15) << 10) | q;
}

/** The float32 value of half-precision bits. */
export function float16BitsToFloat32(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 31) return mantissa === 0 ? sign * Infinity : NaN;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}
