/** English messages of the "share" namespace (the reference catalogue: zh-CN must have the same keys). */
export const share = {
  toolbar: 'View and sharing',
  language: 'Language',
  largeFont: 'Large text (projector)',
  copyLink: 'Copy link',
  copied: 'Copied',
  linkLabel: 'Link to this setup',
  linkNoImages: 'The link carries the settings (the models and the training), not your pictures: they never leave this tab. Whoever opens it sees the built-in colour set until they load a folder of their own (yours were prepared at {{size}} × {{size}}).',
  linkNoData: 'The link carries the settings, not your data file: it never leaves this tab. Whoever opens it sees a built-in set until they load their own data.',
  linkFallback: 'Copying is not available here: the link is selected, copy it with Ctrl+C (⌘C).',
  noticesRegion: 'Link problems',
  noticesTitle: 'Some settings in the link could not be used:',
  badValue: '{{key}}: “{{value}}” is not valid; using {{used}}.',
  unknownKey: 'Unknown setting “{{key}}” (value “{{value}}”) was ignored.',
  unknownHide: 'Unknown control “{{id}}” in hide= was ignored.',
  dismiss: 'Dismiss',
  empty: '(empty)',
} as const;
