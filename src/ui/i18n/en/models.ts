/** English messages of the "models" namespace (the reference catalogue: zh-CN must have the same keys). */
export const models = {
  placeholder: 'placeholder',
} as const;
