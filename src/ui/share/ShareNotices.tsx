import { useTranslation } from 'react-i18next';
import { useStudio } from '../../store';
import type { HashNotice } from '../../store/urlHash';
import './share.css';

/** One notice in words. */
function useNoticeText(): (n: HashNotice) => string {
  const { t } = useTranslation('share');
  const shown = (v: string) => (v === '' ? t('empty') : v);
  return (n) => {
    switch (n.kind) {
      case 'badValue':
        return t('badValue', { key: n.key, value: shown(n.value), used: shown(n.used) });
      case 'unknownKey':
        return t('unknownKey', { key: n.key, value: shown(n.value) });
      case 'unknownHide':
        return t('unknownHide', { id: n.id });
    }
  };
}

/** What in the opened link could not be used (field, bad value, value used instead), dismissible. */
export function ShareNotices() {
  const { t } = useTranslation('share');
  const notices = useStudio((s) => s.share.notices);
  const dismiss = useStudio((s) => s.dismissNotices);
  const text = useNoticeText();
  if (notices.length === 0) return null;
  return (
    <section className="share-notices" aria-label={t('noticesRegion')}>
      <div role="alert">
        <p>{t('noticesTitle')}</p>
        <ul>
          {notices.map((n, i) => (
            <li key={i}>{text(n)}</li>
          ))}
        </ul>
      </div>
      <button type="button" onClick={dismiss}>
        {t('dismiss')}
      </button>
    </section>
  );
}
