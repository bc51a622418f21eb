/** English messages of the "lessons" namespace (the reference catalogue: zh-CN must have the same keys). */
export const lessons = {
  placeholder: 'placeholder',
} as const;
