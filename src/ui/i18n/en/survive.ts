/** English messages of the "survive" namespace (the reference catalogue: zh-CN must have the same keys). */
export const survive = {
  placeholder: 'placeholder',
} as const;
