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
  const userData = useStudio(selectUserData);
  const [state, setState] = useState<'idle' | 'copied' | 'fallback'>('idle');
  const [link, setLink] = useState('');
  const field = useRef<HTMLInputElement>(null);
  const shown = useRef(state);
  useEffect(() => {
    shown.current = state;
  }, [state]);

  // A changed setup makes an earlier "Copied" stale; the fallback field follows the setup. Subscribed rather than
  // selected, so that a setting changed with nothing to update (a slider's step during a run) renders nothing here.
  useEffect(() => {
    const changed = () => {
      if (shown.current === 'fallback') setLink(currentLink());
      else if (shown.current === 'copied') setState('idle');
    };
    const offStudio = useStudio.subscribe((s, p) => {
      if (s.config !== p.config || s.share.hidden !== p.share.hidden || s.share.large !== p.share.large || s.lessonId !== p.lessonId || s.lessonPart !== p.lessonPart) changed();
    });
    const offLayout = useLayout.subscribe((s, p) => {
      if (s.view !== p.view) changed();
    });
    return () => {
      offStudio();
      offLayout();
    };
  }, []);

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
