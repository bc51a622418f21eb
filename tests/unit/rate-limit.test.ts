import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clockTimers, RateLimiter, SpacingGate, type Timers } from '../../src/util/rateLimit';

describe('RateLimiter (fake timers)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('fires at once after a quiet spell, merges requests within the interval into one, then fires at once again', () => {
    const fired: number[] = [];
    const limiter = new RateLimiter(() => fired.push(Date.now()), 100);
    const t0 = Date.now();
    limiter.request();
    expect(fired).toEqual([t0]);
    limiter.request();
    vi.advanceTimersByTime(30);
    limiter.request();
    limiter.request();
    expect(fired).toHaveLength(1);
    expect(limiter.pending).toBe(true);
    vi.advanceTimersByTime(69);
    expect(fired).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([t0, t0 + 100]);
    expect(limiter.pending).toBe(false);
    vi.advanceTimersByTime(1000);
    expect(fired).toHaveLength(2);
    limiter.request();
    expect(fired).toEqual([t0, t0 + 100, t0 + 1100]);
  });

  it('flush runs a waiting request now and restarts the interval; flush with nothing waiting does nothing', () => {
    let n = 0;
    const limiter = new RateLimiter(() => n++, 100);
    limiter.flush();
    expect(n).toBe(0);
    limiter.request();
    limiter.request();
    limiter.flush();
    expect(n).toBe(2);
    vi.advanceTimersByTime(500);
    expect(n).toBe(2);
    limiter.request();
    limiter.request();
    expect(n).toBe(3);
    vi.advanceTimersByTime(100);
    expect(n).toBe(4);
  });

  it('fireNow runs at once whatever the interval, drops a waiting request and restarts the interval', () => {
    let n = 0;
    const limiter = new RateLimiter(() => n++, 100);
    limiter.request();
    limiter.request();
    expect(limiter.pending).toBe(true);
    limiter.fireNow();
    expect(n).toBe(2);
    expect(limiter.pending).toBe(false);
    vi.advanceTimersByTime(1000);
    expect(n).toBe(2);
    limiter.fireNow();
    limiter.request();
    expect(n).toBe(3);
    vi.advanceTimersByTime(100);
    expect(n).toBe(4);
  });

  it('cancel drops a waiting request', () => {
    let n = 0;
    const limiter = new RateLimiter(() => n++, 100);
    limiter.request();
    limiter.request();
    limiter.cancel();
    vi.advanceTimersByTime(1000);
    expect(n).toBe(1);
  });

  it('without leading, even the first request waits for the scheduler (one frame), and requests meanwhile merge', () => {
    const frames: (() => void)[] = [];
    const frameTimers: Timers = { now: clockTimers.now, later: (fn) => (frames.push(fn), () => frames.splice(frames.indexOf(fn), 1)) };
    let n = 0;
    const limiter = new RateLimiter(() => n++, 0, frameTimers, false);
    limiter.request();
    limiter.request();
    expect(n).toBe(0);
    expect(frames).toHaveLength(1);
    frames.shift()!();
    expect(n).toBe(1);
    limiter.request();
    limiter.flush();
    expect(n).toBe(2);
    expect(frames).toHaveLength(0);
  });
});

describe('SpacingGate', () => {
  it('passes at most once per spacing, always when forced, and measures from the last pass', () => {
    let clock = 0;
    const gate = new SpacingGate(400, () => clock);
    expect(gate.pass()).toBe(true);
    clock = 399;
    expect(gate.pass()).toBe(false);
    expect(gate.pass(true)).toBe(true);
    clock = 798;
    expect(gate.pass()).toBe(false);
    clock = 799;
    expect(gate.pass()).toBe(true);
    expect(gate.isOpen(0)).toBe(true);
    gate.mark(1000);
    expect(gate.isOpen(undefined, 1399)).toBe(false);
    expect(gate.isOpen(100, 1100)).toBe(true);
  });
});
