import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudio } from '../../store';
import { currentLink } from './hashSync';
import { useLayout } from '../layout/layoutStore';
import { selectUserData } from '../../store/uploadSlice';

/**
 * Copies the link to this setup; says "Copied", or shows the link selected in a read-only field when the clipboard is
 * unavailable. With the user's own data in use it says that the link carries the settings, not the data.
 */
export function CopyLink() {
  const { t } = useTranslation('share');
  const id = useId();
  const config = useStudio((s) => s.config);
  const hidden = useStudio((s) => s.share.hidden);
  const large = useStudio((s) => s.share.large);
  const lessonId = useStudio((s) => s.lessonId);
  const lessonPart = useStudio((s) => s.lessonPart);
  const view = useLayout((s) => s.view);
  const userData = useStudio(selectUserData);
  const [state, setState] = useState<'idle' | 'copied' | 'fallback'>('idle');
  const [link, setLink] = useState('');
  const field = useRef<HTMLInputElement>(null);

  // A changed setup makes an earlier "Copied" stale; the fallback field follows the setup.
  useEffect(() => {
    setLink(currentLink());
    setState((s) => (s === 'copied' ? 'idle' : s));
  }, [config, hidden, large, lessonId, lessonPart, view]);

  useEffect(() => {
    if (state === 'fallback') field.current?.select();
  }, [state, link]);

  const copy = async () => {
    const now = currentLink();
    setLink(now);
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(now);
      setState('copied');
    } catch {
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
