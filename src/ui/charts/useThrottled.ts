import { startTransition, useEffect, useRef, useState } from 'react';

/**
 * Follows `value` but changes at most once per `ms` (the latest value always lands), to bound chart
 * re-renders. Updates are transitions, so React renders them in time slices instead of one long task.
 */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    const wait = last.current + ms - performance.now();
    const show = () => {
      last.current = performance.now();
      startTransition(() => setShown(value));
    };
    if (wait <= 0) {
      show();
      return;
    }
    const timer = setTimeout(show, wait);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return shown;
}
