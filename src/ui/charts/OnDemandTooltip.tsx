import { useState, useSyncExternalStore, type ComponentProps, type FocusEvent, type PointerEvent } from 'react';
import { Tooltip } from 'recharts';

/**
 * Whether a chart's tooltip is wanted: the mouse over the chart, or the keyboard focus in it. Kept outside React's
 * state, so turning it on or off re-renders the tooltip only, not the chart around it.
 */
export class TooltipSwitch {
  private mouse = false;
  private focus = false;
  private readonly listeners = new Set<() => void>();

  /** Whether the tooltip is mounted now. */
  readonly isOn = (): boolean => this.mouse || this.focus;

  /** Calls `listener` whenever `isOn` may have changed; returns the unsubscribe. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Records the pointer over the chart (`over`) or the focus in it (`focus`). */
  set(source: 'over' | 'focus', on: boolean): void {
    const was = this.isOn();
    if (source === 'over') this.mouse = on;
    else this.focus = on;
    if (this.isOn() !== was) for (const l of this.listeners) l();
  }
}

/** A chart's tooltip switch and the handlers, for the element around the chart, that turn it on and off. */
export interface TooltipOnDemand {
  /** What the chart's `OnDemandTooltip` follows. */
  switch: TooltipSwitch;
  /** Pointer and focus handlers for the element around the chart (spread them onto it). */
  triggers: {
    onPointerEnter: () => void;
    onPointerMove: () => void;
    onPointerLeave: (e: PointerEvent<HTMLElement>) => void;
    onFocus: () => void;
    onBlur: (e: FocusEvent<HTMLElement>) => void;
  };
}

/**
 * A switch that mounts a live chart's tooltip only while a mouse is over the chart or the keyboard focus is in it
 * (recharts' arrow keys). A mounted tooltip re-renders at every redraw of the curves, one of the larger costs of a
 * run's redraws, for a box no one is looking at. A touch or a pen turns it on and leaves it on (their pointer leaves
 * the chart as the finger lifts, before the tap's own mouse events that recharts shows the tooltip from).
 */
export function useTooltipOnDemand(): TooltipOnDemand {
  const [demand] = useState<TooltipOnDemand>(() => {
    const sw = new TooltipSwitch();
    return {
      switch: sw,
      triggers: {
        onPointerEnter: () => sw.set('over', true),
        // Also a move: a chart drawn under a pointer that is already there gets no enter.
        onPointerMove: () => sw.set('over', true),
        onPointerLeave: (e) => {
          if (e.pointerType === 'mouse') sw.set('over', false);
        },
        onFocus: () => sw.set('focus', true),
        onBlur: (e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) sw.set('focus', false);
        },
      },
    };
  });
  return demand;
}

/** recharts' `Tooltip` (same props), mounted only while `on` is on; place it among the chart's children. */
export function OnDemandTooltip({ on, ...props }: ComponentProps<typeof Tooltip> & { on: TooltipSwitch }) {
  const shown = useSyncExternalStore(on.subscribe, on.isOn);
  return shown ? <Tooltip {...props} /> : null;
}
