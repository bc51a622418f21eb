import { startTransition, useEffect, useRef, useState } from 'react';
import { RateLimiter } from '../../util/rateLimit';

/**
 * Follows `value` but changes at most once per `ms` (the latest value always lands), to bound chart
 * re-renders. Updates are transitions, so React renders them in time slices instead of one long task.
 */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const latest = useRef(value);
  const limiter = useRef<RateLimiter | null>(null);
  useEffect(() => {
    const own = new RateLimiter(() => startTransition(() => setShown(latest.current)), ms);
    limiter.current = own;
    return () => own.cancel();
  }, [ms]);
  useEffect(() => {
    latest.current = value;
    limiter.current?.request();
  }, [value]);
  return shown;
}
