/** heapSimd.wat's path. */
export const HEAP_SIMD_WAT: string;
/** The generated module's path (src/engine/kernels/heapSimdModule.ts). */
export const HEAP_SIMD_MODULE: string;
/** The two assembled binaries: the memory import as written, and as a shared memory. */
export interface HeapSimdBinaries {
  plain: Buffer;
  shared: Buffer;
}
/** Assembles heapSimd.wat (or the given source) with wabt. */
export function assembleHeapSimd(source?: string): Promise<HeapSimdBinaries>;
/** The generated TypeScript module for the two binaries. */
export function heapSimdModuleSource(binaries: HeapSimdBinaries): string;
