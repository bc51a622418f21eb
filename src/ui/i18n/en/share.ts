/** English messages of the "share" namespace (the reference catalogue: zh-CN must have the same keys). */
export const share = {
  toolbar: 'View and sharing',
  language: 'Language',
  largeFont: 'Large text (projector)',
  copyLink: 'Copy link',
  copied: 'Copied',
  linkLabel: 'Link to this setup',
  linkFallback: 'Copying is not available here: the link is selected, copy it with Ctrl+C (⌘C).',
  noticesRegion: 'Link problems',
  noticesTitle: 'Some settings in the link could not be used:',
  badValue: '{{key}}: “{{value}}” is not valid; using {{used}}.',
  unknownKey: 'Unknown setting “{{key}}” (value “{{value}}”) was ignored.',
  unknownHide: 'Unknown control “{{id}}” in hide= was ignored.',
  dismiss: 'Dismiss',
  empty: '(empty)',
} as const;
