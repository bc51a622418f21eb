import { useCallback, useEffect, useRef, useState } from 'react';
import { useStudio } from '../../store';
import type { FitMode } from '../../engine/data/images/fitSquare';
import type { PhotoProblem } from '../../worker/imageMessages';
import type { PredictedLogits, PredictProblem } from '../../worker/predictors';
import { studioWorker } from '../bridge/studioWorker';
import { RateLimiter } from '../../util/rateLimit';

/** Minimum time between two predict requests while drawing (ms). */
const MIN_INTERVAL_MS = 60;

/** The latest answer: the models' logits for the input, or why there are none; for a picture also what the models saw. */
export interface Prediction {
  logits: PredictedLogits | null;
  problem: PredictProblem | PhotoProblem | null;
  /** A picture's prepared `size × size × 3` RGB bytes. */
  photo: Uint8Array | null;
}

/** A picture's file bytes and how the run's images were prepared (decoded and resized in the worker). */
export interface PhotoInput {
  bytes: ArrayBuffer;
  size: number;
  fit: FitMode;
}

/** What the models are asked about: features of the run's input shape, or a picture to prepare first. */
export type PredictInput = Float32Array | PhotoInput;

/**
 * Asks the worker for the three models' logits on one input, throttled: at most one request in flight and
 * one every `MIN_INTERVAL_MS`; inputs that arrive meanwhile replace each other (only the newest is sent).
 * The input is asked again whenever the models change (a new epoch, a new run).
 */
export function usePredict(): { prediction: Prediction | null; setInput: (input: PredictInput | null) => void } {
  const [prediction, setPrediction] = useState<Prediction | null>(null);
  const input = useRef<PredictInput | null>(null);
  const busy = useRef(false);
  const dirty = useRef(false);
  const alive = useRef(true);
  const limiter = useRef<RateLimiter | null>(null);
  const modelsVersion = useStudio((s) => s.inspect.logits);

  // Sends the newest input unless a request is in flight (its answer asks again when a newer input waits).
  const send = useCallback(() => {
    if (busy.current || !dirty.current) return;
    const x = input.current;
    dirty.current = false;
    if (!x) {
      setPrediction(null);
      return;
    }
    busy.current = true;
    // Copies are sent (the buffers are transferred): the input is asked again when the models change.
    const asked = x instanceof Float32Array ? studioWorker.predict(x.slice(), 1) : studioWorker.predictPhoto(x.bytes.slice(0), x.size, x.fit);
    void asked.then((a) => {
      busy.current = false;
      if (!alive.current) return;
      setPrediction({ logits: a.logits, problem: a.problem, photo: a.photo ?? null });
      if (dirty.current) limiter.current?.request();
    });
  }, []);
  limiter.current ??= new RateLimiter(send, MIN_INTERVAL_MS);
  const pump = useCallback(() => limiter.current!.request(), []);

  const setInput = useCallback(
    (x: PredictInput | null) => {
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
      limiter.current?.cancel();
    };
  }, []);

  return { prediction, setInput };
}
