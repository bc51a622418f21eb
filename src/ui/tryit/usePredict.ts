import { useCallback, useEffect, useRef, useState } from 'react';
import { useStudio } from '../../store';
import type { PredictedLogits, PredictProblem } from '../../worker/predictors';
import { studioWorker } from '../bridge/studioWorker';

/** Minimum time between two predict requests while drawing (ms). */
const MIN_INTERVAL_MS = 60;

/** The latest answer: the models' logits for the input, or why there are none. */
export interface Prediction {
  logits: PredictedLogits | null;
  problem: PredictProblem | null;
}

/**
 * Asks the worker for the three models' logits on one input, throttled: at most one request in flight and
 * one every `MIN_INTERVAL_MS`; inputs that arrive meanwhile replace each other (only the newest is sent).
 * The input is asked again whenever the models change (a new epoch, a new run).
 */
export function usePredict(): { prediction: Prediction | null; setInput: (input: Float32Array | null) => void } {
  const [prediction, setPrediction] = useState<Prediction | null>(null);
  const input = useRef<Float32Array | null>(null);
  const busy = useRef(false);
  const dirty = useRef(false);
  const lastSent = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const alive = useRef(true);
  const modelsVersion = useStudio((s) => s.inspect.logits);

  const pump = useCallback(() => {
    if (busy.current || !dirty.current) return;
    const wait = lastSent.current + MIN_INTERVAL_MS - performance.now();
    if (wait > 0) {
      if (timer.current === null)
        timer.current = setTimeout(() => {
          timer.current = null;
          pump();
        }, wait);
      return;
    }
    const x = input.current;
    dirty.current = false;
    if (!x) {
      setPrediction(null);
      return;
    }
    busy.current = true;
    lastSent.current = performance.now();
    void studioWorker.predict(x.slice(), 1).then((a) => {
      busy.current = false;
      if (!alive.current) return;
      setPrediction({ logits: a.logits, problem: a.problem });
      pump();
    });
  }, []);

  const setInput = useCallback(
    (x: Float32Array | null) => {
      input.current = x;
      dirty.current = true;
      pump();
    },
    [pump],
  );

  useEffect(() => {
    if (input.current) {
      dirty.current = true;
      pump();
    }
  }, [modelsVersion, pump]);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      if (timer.current !== null) clearTimeout(timer.current);
    };
  }, []);

  return { prediction, setInput };
}
