/** English messages of the "share" namespace (the reference catalogue: zh-CN must have the same keys). */
export const share = {
  placeholder: 'placeholder',
} as const;
