import { useMemo, useState, type FocusEvent } from 'react';

/** Whether a chart's tooltip is mounted, and the handlers for the element around the chart that mount it. */
export interface TooltipOnDemand {
  shown: boolean;
  triggers: {
    onPointerEnter: () => void;
    onPointerLeave: () => void;
    onFocus: () => void;
    onBlur: (e: FocusEvent<HTMLElement>) => void;
  };
}

/**
 * Mounts a live chart's tooltip only while the pointer is over the chart or the keyboard focus is in it (recharts'
 * arrow-key navigation). A mounted tooltip re-renders at every redraw of the curves, one of the larger costs of a
 * run's redraws, for a box no one is looking at.
 */
export function useTooltipOnDemand(): TooltipOnDemand {
  const [pointer, setPointer] = useState(false);
  const [focus, setFocus] = useState(false);
  const triggers = useMemo(
    () => ({
      onPointerEnter: () => setPointer(true),
      onPointerLeave: () => setPointer(false),
      onFocus: () => setFocus(true),
      onBlur: (e: FocusEvent<HTMLElement>) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocus(false);
      },
    }),
    [],
  );
  return { shown: pointer || focus, triggers };
}
