import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudio } from '../../store';
import { currentLink, onSetupChange } from './hashSync';
import { selectUserData } from '../../store/uploadSlice';

/**
 * Copies the link to this setup; says "Copied", or shows the link selected in a read-only field when the clipboard is
 * unavailable. With the user's own data in use it says that the link carries the settings, not the data.
 */
export function CopyLink() {
  const { t } = useTranslation('share');
  const id = useId();
  const userData = useStudio(selectUserData);
  const [state, setState] = useState<'idle' | 'copied' | 'fallback'>('idle');
  const [link, setLink] = useState('');
  const field = useRef<HTMLInputElement>(null);

  // While "Copied" or the fallback field shows, a changed setup makes "Copied" stale and the field follows it. Idle,
  // nothing listens, so a setting changed then (a slider's step during a run) renders nothing here.
  useEffect(() => {
    if (state === 'idle') return;
    return onSetupChange(() => (state === 'copied' ? setState('idle') : setLink(currentLink())));
  }, [state]);

  // Selected when it opens; a later setting change updates it without taking the focus from the control in use.
  useEffect(() => {
    if (state === 'fallback') field.current?.select();
  }, [state]);

  const copy = async () => {
    const now = currentLink();
    setLink(now);
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(now);
      setState('copied');
    } catch {
      setLink(currentLink()); // a setting may have changed while the clipboard was refusing
      setState('fallback');
    }
  };

  return (
    <div className="copy-link">
      <button type="button" onClick={() => void copy()}>
        {t('copyLink')}
      </button>
      <span className="copied" aria-live="polite">
        {state === 'copied' ? t('copied') : ''}
      </span>
      {userData ? (
        <p className="hint link-data-note">
          {userData.imageFolder ? t('linkNoImages', { size: String(userData.imageFolder.size) }) : t('linkNoData')}
        </p>
      ) : null}
      {state === 'fallback' ? (
        <div className="link-fallback">
          <label htmlFor={id}>{t('linkLabel')}</label>
          <input id={id} ref={field} type="text" readOnly value={link} aria-describedby={`${id}-hint`} onFocus={(e) => e.currentTarget.select()} />
          <p className="hint" id={`${id}-hint`}>
            {t('linkFallback')}
          </p>
        </div>
      ) : null}
    </div>
  );
}
