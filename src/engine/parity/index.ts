// Kernel parity (two SGD steps of one tiny model per layer type on a backend, compared with the CPU backend), by part.
export * from './cases';
export * from './record';
export * from './compare';
export * from './missingKernel';
export * from './suite';
export * from './pageProtocol';
