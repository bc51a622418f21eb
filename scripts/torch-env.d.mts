/** Where Debian's libopenblas0-pthread puts its fast BLAS. */
export const OPENBLAS_DIR: string;
/** The environment for PyTorch processes (pthread OpenBLAS on LD_LIBRARY_PATH when installed). */
export function torchEnv(base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
/** $DISTILL_TORCH_PYTHON, else /usr/bin/python3 when it imports torch; null with a reason when none. */
export function findTorchPython(): { python: string; reason?: undefined } | { python: null; reason: string };
/** The torchrun command for a Python (with the PyTorch 1.13 / Python 3.11 workaround when needed). */
export function torchrunCommand(python: string): string[];
