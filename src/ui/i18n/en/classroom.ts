/** English messages of the "classroom" namespace (the reference catalogue: zh-CN must have the same keys). */
export const classroom = {
  placeholder: 'placeholder',
} as const;
