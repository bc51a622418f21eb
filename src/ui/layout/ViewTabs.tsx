import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLayout, VIEW_IDS, type ViewId } from './layoutStore';

/** Id of a view's tab and panel (for aria-controls / aria-labelledby). */
export const tabId = (v: ViewId) => `view-tab-${v}`;
export const panelId = (v: ViewId) => `view-panel-${v}`;

/** The view tabs (WAI-ARIA tabs: roving tabindex, arrow keys, Home/End; activation follows focus). */
export function ViewTabs() {
  const { t } = useTranslation('glance');
  const view = useLayout((s) => s.view);
  const setView = useLayout((s) => s.setView);
  const refs = useRef<Partial<Record<ViewId, HTMLButtonElement | null>>>({});
  const go = (v: ViewId) => {
    setView(v);
    refs.current[v]?.focus();
  };
  const onKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    const i = VIEW_IDS.indexOf(view);
    const n = VIEW_IDS.length;
    const target =
      e.key === 'ArrowRight' ? VIEW_IDS[(i + 1) % n] : e.key === 'ArrowLeft' ? VIEW_IDS[(i - 1 + n) % n] : e.key === 'Home' ? VIEW_IDS[0] : e.key === 'End' ? VIEW_IDS[n - 1] : undefined;
    if (!target) return;
    e.preventDefault();
    go(target);
  };
  return (
    <div className="view-tabs" role="tablist" aria-label={t('views.label')}>
      {VIEW_IDS.map((v) => (
        <button
          key={v}
          ref={(el) => {
            refs.current[v] = el;
          }}
          type="button"
          role="tab"
          id={tabId(v)}
          aria-selected={v === view}
          aria-controls={panelId(v)}
          tabIndex={v === view ? 0 : -1}
          onClick={() => setView(v)}
          onKeyDown={onKey}
        >
          {t(`views.${v}`)}
        </button>
      ))}
    </div>
  );
}

/**
 * One view's panel: its content renders only while its tab is selected (a hidden panel costs nothing during a run;
 * what a view must keep lives in the store). The empty section stays, so every tab's `aria-controls` resolves.
 */
export function ViewPanel({ view, children }: { view: ViewId; children: ReactNode }) {
  const shown = useLayout((s) => s.view === view);
  return (
    <section role="tabpanel" id={panelId(view)} aria-labelledby={tabId(view)} hidden={!shown} className="view-panel" tabIndex={0}>
      {shown ? children : null}
    </section>
  );
}
