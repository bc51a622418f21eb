/** English messages of the "history" namespace (the reference catalogue: zh-CN must have the same keys). */
export const history = {
  placeholder: 'placeholder',
} as const;
