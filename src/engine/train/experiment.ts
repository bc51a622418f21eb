import * as tf from '@tensorflow/tfjs';
import type { Dataset, Split } from '../data/types';
import { featureSize } from '../data/types';
import { distillationLoss, hardLossParts, hintLoss, withHint, type KdLossParts, type KdWeights } from '../losses';
import { agreement, evaluate, predictLogits, type Evaluation } from '../metrics';
import { assignWeights, buildModel, seededWeights, trainableVariables } from '../models/build';
import { forwardWithHidden } from '../models/forward';
import { hiddenLayerOptions, paramCount } from '../models/spec';
import { deriveSeed } from '../rng';
import { spread } from '../stats';
import { augmentImages } from '../data/augment';
import { stratifiedSubset } from '../data/subset';
import { holdOutValidation } from '../data/validation';
import { poolableTrials, recordSettings } from './trialSettings';
import { applyHintAdapter, englishHintAdapterProblem, hintAdapterProblem, makeHintAdapter, planHintAdapter } from './hintAdapter';
import { measureLatency } from './latency';
import { makeOptimizer } from './hostAdam';
import type { RunController } from './controller';
import { trainPhase, type Batch, type TrainTensors } from './loop';
import { captureResumePoint, phaseRecord, readWeights, recordEvaluation, restoreModel, restoreOptimizer, type ResumePoint } from './resumePoint';
import { sweepPoints } from './sweep';
import type { PhaseContext } from './phaseContext';
import { reportGivenTeacher } from './givenTeacher';
import { precomputedTeacherProblem, reportPrecomputedTeacher, type PrecomputedTeacher } from './precomputedTeacher';
import type {
  EpochPoint,
  ExperimentConfig,
  ExperimentResults,
  LatencyResults,
  LossPoint,
  ModelResult,
  Phase,
  SamplePrediction,
  SeedSummary,
  SweepSummary,
  TrialResult,
  TrialSettings,
} from './types';

/** Progress callbacks of an experiment (the worker turns them into messages). */
export interface ExperimentHooks {
  /**
   * A phase starts; `context` names the extra trial (e.g. seed 2 of 3) or the latency measurement, or is null for the main run;
   * `fromEpoch` is the number of epochs already trained (non-zero when a resumed phase continues).
   */
  onPhase: (phase: Phase, stepsPerEpoch: number, context: PhaseContext | null, fromEpoch: number) => void;
  /** Step losses of the main run (extra trials are summarised by `onTrial` instead). */
  onLoss: (points: LossPoint[]) => void;
  /** Per-epoch test metrics of the main run. */
  onEpoch: (point: EpochPoint) => void;
  /** An extra trial (seed or sweep point) finished. */
  onTrial?: (trial: TrialResult) => void;
  /**
   * The main run's model of `phase` after `epoch` (1-based) was evaluated. The model is only borrowed:
   * read from it (e.g. test-set logits, decision-boundary grids) and do not keep or dispose it. It is null for a
   * teacher known only by its logits (`ExperimentOptions.precomputed`); `logits` are given then.
   */
  onEvaluated?: (phase: Phase, epoch: number, model: tf.LayersModel | null, logits: Float32Array | null) => Promise<void>;
  /** How many leading test examples' logits `onEvaluated` receives from the epoch's evaluation (0: none). */
  evaluatedLogits?: number;
  /** Everything needed to continue the main run after this epoch (host memory only; the caller may keep it). */
  onCheckpoint?: (point: ResumePoint) => void;
}

/** Optional ways to run an experiment. */
export interface ExperimentOptions {
  /** Continue the main run from this checkpoint: finished phases are skipped, its phase continues at the next epoch. */
  resume?: ResumePoint | null;
  /** An already-trained teacher (borrowed: never trained nor disposed here); teacher training is skipped. */
  teacher?: tf.LayersModel;
  /** A teacher known only by its logits (e.g. ONNX): teacher training is skipped and distillation reads them. */
  precomputed?: PrecomputedTeacher;
}

/** A finished experiment: its results and the distilled student, owned by the caller until `dispose`. */
export interface ExperimentOutcome {
  results: ExperimentResults;
  student: tf.LayersModel;
  dispose: () => void;
}

/** How many test examples are reported with their predictions. */
const SAMPLE_COUNT = 6;

/** Float one-hot matrix of integer labels. */
function oneHotLabels(labels: Int32Array, numClasses: number): tf.Tensor2D {
  return tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), numClasses).toFloat() as tf.Tensor2D);
}

/** Seeds of the i-th student trial: trial 0 is the main run (and keeps the single-run seeds). */
function studentSeeds(seed: number, trial: number): { init: number; order: number } {
  const suffix = trial === 0 ? '' : `-${trial}`;
  return { init: deriveSeed(seed, `student-init${suffix}`), order: deriveSeed(seed, `student-order${suffix}`) };
}

/** Accuracy of row-major logits against integer labels. */
function logitsAccuracy(logits: Float32Array, labels: ArrayLike<number>, numClasses: number): number {
  let right = 0;
  for (let i = 0; i < labels.length; i++) {
    let best = 0;
    for (let k = 1; k < numClasses; k++) if (logits[i * numClasses + k]! > logits[i * numClasses + best]!) best = k;
    if (best === labels[i]) right++;
  }
  return labels.length > 0 ? right / labels.length : 0;
}

/**
 * Trains the teacher on hard labels, then the student from scratch, then distils the same student
 * architecture from the same initial weights and data order. With `repeats` > 1 the two students are
 * retrained with further seeds; with a sweep grid the student is distilled again at each point, always
 * re-using the trained teacher. Pure engine code: progress leaves through hooks.
 */
export async function runExperiment(
  cfg: ExperimentConfig,
  data: Dataset,
  controller: RunController,
  hooks: ExperimentHooks,
  options: ExperimentOptions = {},
): Promise<ExperimentOutcome> {
  const { inputShape, numClasses } = data;
  const resume = options.resume ?? null;
  // What a checkpoint carries besides the current phase: the trained teacher and the finished phases' results.
  const finished: ResumePoint['finished'] = { ...(resume?.finished ?? {}) };
  let teacherWeights: Float32Array[] | null = resume?.teacherWeights ?? null;
  const owned: tf.Tensor[] = [];
  const models: tf.LayersModel[] = [];
  const keep = <T extends tf.Tensor>(t: T): T => (owned.push(t), t);
  const inputSize = featureSize(inputShape);
  // A seeded, stratified validation set that no model trains on: sweeps and the bias correction are read on it.
  const held = holdOutValidation(data.train, inputSize, cfg.validationFraction ?? 0, deriveSeed(cfg.seed, 'validation'));
  const trainSplit = held.train;
  const valSplit = held.validation;
  const train: TrainTensors = {
    x: keep(tf.tensor(trainSplit.x, [trainSplit.count, ...inputShape])),
    yOneHot: keep(oneHotLabels(trainSplit.y, numClasses)),
    count: trainSplit.count,
    host: { x: trainSplit.x, y: trainSplit.y, numClasses },
  };
  const xTest = keep(tf.tensor(data.test.x, [data.test.count, ...inputShape]));
  const yTest = keep(oneHotLabels(data.test.y, numClasses));
  const xVal = valSplit ? keep(tf.tensor(valSplit.x, [valSplit.count, ...inputShape])) : null;
  const yVal = valSplit ? keep(oneHotLabels(valSplit.y, numClasses)) : null;
  /** A model's accuracy on the validation set (null without one). */
  const valAccuracy = async (model: tf.LayersModel): Promise<number | null> => (xVal && yVal ? (await evaluate(model, xVal, yVal)).accuracy : null);
  // The students' training (transfer) set: a seeded, stratified subset when asked for; else the teacher's set.
  const subset = cfg.transferSize > 0 || cfg.excludeClasses.length > 0;
  const pickStudents = (split: Split, featureLen: number): Split =>
    stratifiedSubset(split, featureLen, cfg.transferSize > 0 ? cfg.transferSize : split.count, deriveSeed(cfg.seed, 'transfer'), {
      excludeClasses: cfg.excludeClasses,
    });
  const studentSplit = subset ? pickStudents(trainSplit, inputSize) : trainSplit;
  const studentTrain: TrainTensors = subset
    ? {
        x: keep(tf.tensor(studentSplit.x, [studentSplit.count, ...inputShape])),
        yOneHot: keep(oneHotLabels(studentSplit.y, numClasses)),
        count: studentSplit.count,
        host: { x: studentSplit.x, y: studentSplit.y, numClasses },
      }
    : train;
  if (studentTrain.count === 0) throw new Error('The transfer set is empty: include more examples or fewer excluded classes.');
  // Random ±2 px shifts (and horizontal flips when asked) apply to image batches only; each step draws its own from the phase's seed.
  const isImage = inputShape.length === 3;
  const flip = cfg.flip === true && isImage;
  const shifted = (on: boolean, seed: number) => (b: Batch): tf.Tensor =>
    on && isImage ? augmentImages(b.x as tf.Tensor4D, { maxShift: cfg.augment === 'off' ? 0 : 2, flip }, deriveSeed(seed, `shift-${b.step}`)) : b.x;
  const quiet = { onLoss: () => {}, onEpoch: () => {} };
  let student: tf.LayersModel | null = null;

  /** Trains one model through one phase; returns its last evaluation and the wall time. */
  const trainModel = async (
    phase: Phase,
    set: TrainTensors,
    model: tf.LayersModel,
    orderSeed: number,
    lossForBatch: (b: Batch) => KdLossParts,
    teacherPreds: Int32Array | null,
    context: PhaseContext | null,
    extraVars: tf.Variable[] = [],
  ): Promise<{ last: Evaluation; ms: number }> => {
    // Only the main run's phase named by the checkpoint continues from it; everything else starts fresh.
    const restore = context === null && resume?.phase === phase ? resume : null;
    const report = context === null ? hooks : quiet;
    const optimizer = makeOptimizer(cfg.optimizer, cfg.learningRate);
    const started = performance.now() - (restore?.elapsedMs ?? 0);
    const state: { last: Evaluation | null } = { last: null };
    try {
      if (restore) {
        restoreModel(model, extraVars, restore);
        await restoreOptimizer(optimizer, cfg.optimizer, restore);
      }
      hooks.onPhase(phase, Math.ceil(set.count / cfg.batchSize), context, restore?.epoch ?? 0);
      await trainPhase({
        phase,
        epochs: cfg.epochs,
        startEpoch: restore?.epoch ?? 0,
        startStep: restore?.step ?? 0,
        batchSize: cfg.batchSize,
        orderSeed,
        train: set,
        optimizer,
        vars: [...trainableVariables(model), ...extraVars],
        controller,
        lossForBatch,
        onLoss: report.onLoss,
        onEpochEnd: async (epoch, step) => {
          const last = await evaluate(model, xTest, yTest, context === null ? (hooks.evaluatedLogits ?? 0) : 0);
          state.last = last;
          report.onEpoch({
            phase,
            epoch,
            testAccuracy: last.accuracy,
            testLoss: last.loss,
            agreement: teacherPreds ? agreement(last.preds, teacherPreds) : null,
          });
          if (context === null) await hooks.onEvaluated?.(phase, epoch, model, last.logits);
          if (context === null && hooks.onCheckpoint) {
            hooks.onCheckpoint(
              await captureResumePoint({
                phase,
                epoch,
                step,
                elapsedMs: performance.now() - started,
                model,
                extra: extraVars,
                optimizer,
                optimizerName: cfg.optimizer,
                teacherWeights: phase === 'teacher' ? null : teacherWeights,
                finished: { ...finished },
              }),
            );
          }
        },
      });
    } finally {
      optimizer.dispose();
    }
    return { last: state.last ?? (await evaluate(model, xTest, yTest)), ms: performance.now() - started };
  };

  try {
    const given = options.teacher;
    const pre = options.precomputed ?? null;
    if (given && cfg.hint) throw new Error('A hint term needs a teacher built by the studio, not a loaded one.');
    const preProblem = pre ? precomputedTeacherProblem(cfg, isImage) : null;
    if (preProblem) throw new Error(preProblem);
    // A precomputed teacher has no tfjs model; a placeholder of the configured architecture is never run.
    const teacher = given ?? buildModel(cfg.teacher, inputShape, numClasses, 'teacher', { seed: deriveSeed(cfg.seed, 'teacher-dropout') });
    if (!given) {
      models.push(teacher);
      if (!pre) assignWeights(teacher, seededWeights(teacher, deriveSeed(cfg.seed, 'teacher-init')));
    }
    const teacherX = shifted(cfg.augment !== 'off' || flip, deriveSeed(cfg.seed, 'teacher-shift'));
    const resumedTeacher = resume && resume.phase !== 'teacher' ? resume : null;
    let t: { last: Evaluation; ms: number };
    if (resumedTeacher) {
      // Resuming after the teacher finished: load it instead of training it again (a loaded teacher's
      // weights are restored too, so it survives a backend switch).
      if (!teacherWeights || !finished.teacher) throw new Error('The checkpoint has no trained teacher.');
      if (!pre) assignWeights(teacher, teacherWeights);
      t = { last: recordEvaluation(finished.teacher), ms: finished.teacher.ms };
      await hooks.onEvaluated?.('teacher', cfg.epochs, pre ? null : teacher, null);
    } else {
      t = pre
        ? await reportPrecomputedTeacher(pre, yTest, cfg.epochs, hooks)
        : given
        ? await reportGivenTeacher(given, xTest, yTest, cfg.epochs, hooks)
        : await trainModel(
            'teacher',
            train,
            teacher,
            deriveSeed(cfg.seed, 'teacher-order'),
            (b) => hardLossParts(b.yOneHot, teacher.apply(teacherX(b), { training: true }) as tf.Tensor2D),
            null,
            null,
          );
      finished.teacher = phaseRecord(t.last, t.ms);
      if (hooks.onCheckpoint) teacherWeights = pre ? [] : await readWeights(teacher);
    }
    let teacherVal = pre ? null : await valAccuracy(teacher);
    const hint = cfg.hint ? resolveHint(cfg, inputShape) : null;
    // The teacher is frozen from here on: unless asked to run it live (or student inputs are augmented, so
    // every batch is new), cache its logits on the students' set once, so distillation never runs its forward pass.
    const augmentStudents = cfg.augment === 'all' && isImage;
    // A teacher known by its logits: its rows go through the same validation hold-out and transfer subset as the data
    // (both are chosen from the labels and the seed only, so passing logits as the "features" keeps rows aligned).
    const preHeld = pre
      ? holdOutValidation({ x: pre.train, y: data.train.y, count: data.train.count }, numClasses, cfg.validationFraction ?? 0, deriveSeed(cfg.seed, 'validation'))
      : null;
    const cacheLogits = (m: tf.LayersModel): tf.Tensor2D | null => (cfg.teacherLive || augmentStudents ? null : predictLogits(m, studentTrain.x));
    const cachedLogits = preHeld
      ? tf.tensor2d(subset ? pickStudents(preHeld.train, numClasses).x : preHeld.train.x, [studentTrain.count, numClasses])
      : cacheLogits(teacher);
    if (cachedLogits) keep(cachedLogits);
    if (preHeld?.validation) teacherVal = logitsAccuracy(preHeld.validation.x, preHeld.validation.y, numClasses);
    /** The teacher the students learn from: the main one, or (teacher per seed) one retrained for a seed. */
    interface TeacherInUse {
      model: tf.LayersModel;
      cached: tf.Tensor2D | null;
      preds: Int32Array;
    }
    const mainTeacher: TeacherInUse = { model: teacher, cached: cachedLogits, preds: t.last.preds };

    /** Trains a fresh student from `init` on hard labels (scratch) or with distillation (weights given). */
    const trainStudent = async (
      phase: 'scratch' | 'distill',
      init: Float32Array[],
      order: number,
      weights: (() => KdWeights) | null,
      context: PhaseContext | null,
      tc: TeacherInUse = mainTeacher,
    ) => {
      const teacherLogits = (b: Batch, x: tf.Tensor): tf.Tensor2D =>
        tc.cached ? tf.gather(tc.cached, b.idx) : (tc.model.apply(x, { training: false }) as tf.Tensor2D);
      const model = buildModel(cfg.student, inputShape, numClasses, phase === 'scratch' ? 'student_scratch' : 'student', {
        seed: deriveSeed(order, 'student-dropout'),
      });
      assignWeights(model, init);
      const adapter = weights && hint ? makeHintAdapter(hint.adapter, deriveSeed(order, 'hint-adapter')) : null;
      // Scratch and distilled students of one trial see the same shifts (same order seed).
      const inputOf = shifted(augmentStudents, deriveSeed(order, 'student-shift'));
      try {
        const distill = (b: Batch): KdLossParts => {
          const x = inputOf(b);
          if (!hint) return distillationLoss(b.yOneHot, teacherLogits(b, x), model.apply(x, { training: true }) as tf.Tensor2D, weights!());
          // The hint needs the teacher's hidden features, so the teacher runs live on this batch.
          const tOut = forwardWithHidden(tc.model, x, false);
          const sOut = forwardWithHidden(model, x, true);
          const parts = distillationLoss(b.yOneHot, tc.cached ? tf.gather(tc.cached, b.idx) : tOut.logits, sOut.logits, weights!());
          return withHint(parts, hintLoss(applyHintAdapter(sOut.hidden[hint.studentLayer]!, adapter), tOut.hidden[hint.teacherLayer]!, null, hint.beta));
        };
        const lossFor = weights ? distill : (b: Batch) => hardLossParts(b.yOneHot, model.apply(inputOf(b), { training: true }) as tf.Tensor2D);
        const extra = adapter ? [adapter.kernel, adapter.bias] : [];
        const r = await trainModel(phase, studentTrain, model, order, lossFor, tc.preds, context, extra);
        return { ...r, model, val: await valAccuracy(model) };
      } catch (e) {
        model.dispose();
        throw e;
      } finally {
        if (adapter) tf.dispose([adapter.kernel, adapter.bias]);
      }
    };

    const liveWeights = (): KdWeights => ({
      temperature: controller.hyper.temperature,
      alpha: controller.hyper.alpha,
      scaleByT2: cfg.scaleByT2,
      softTerm: cfg.softTerm,
    });

    /** Teacher per seed: a teacher of the same architecture trained from seed `trial`'s own weights and data order. */
    const trainSeedTeacher = async (trial: number, context: PhaseContext): Promise<TeacherInUse & { accuracy: number }> => {
      const model = buildModel(cfg.teacher, inputShape, numClasses, 'teacher', { seed: deriveSeed(cfg.seed, `teacher-dropout-${trial}`) });
      let cached: tf.Tensor2D | null = null;
      try {
        assignWeights(model, seededWeights(model, deriveSeed(cfg.seed, `teacher-init-${trial}`)));
        const x = shifted(cfg.augment !== 'off' || flip, deriveSeed(cfg.seed, `teacher-shift-${trial}`));
        const r = await trainModel(
          'teacher',
          train,
          model,
          deriveSeed(cfg.seed, `teacher-order-${trial}`),
          (b) => hardLossParts(b.yOneHot, model.apply(x(b), { training: true }) as tf.Tensor2D),
          null,
          context,
        );
        cached = cacheLogits(model);
        return { model, cached, preds: r.last.preds, accuracy: r.last.accuracy };
      } catch (e) {
        model.dispose();
        cached?.dispose();
        throw e;
      }
    };

    // Main run (trial 0).
    const seeds0 = studentSeeds(cfg.seed, 0);
    const probe = buildModel(cfg.student, inputShape, numClasses, 'student_init');
    const initOf = (seed: number) => seededWeights(probe, seed);
    models.push(probe);
    const init0 = initOf(seeds0.init);
    let s: { last: Evaluation; ms: number; val: number | null };
    if (resume?.phase === 'distill') {
      if (!finished.scratch) throw new Error('The checkpoint has no scratch student results.');
      s = { last: recordEvaluation(finished.scratch), ms: finished.scratch.ms, val: finished.scratch.valAccuracy ?? null };
    } else {
      const scratch = await trainStudent('scratch', init0, seeds0.order, null, null);
      models.push(scratch.model);
      s = scratch;
      finished.scratch = { ...phaseRecord(s.last, s.ms), valAccuracy: s.val };
    }
    const main = recordSettings(liveWeights);
    const d = await trainStudent('distill', init0, seeds0.order, main.weights, null);
    student = d.model;
    const settings: TrialSettings[] = [main.settings()];

    // Further seeds: both students again from new initial weights and data orders.
    let seeds: SeedSummary | null = null;
    if (cfg.repeats > 1) {
      const scratchAcc = [s.last.accuracy];
      const distilledAcc = [d.last.accuracy];
      const retrainTeacher = cfg.teacherPerSeed === true && !given;
      for (let trial = 1; trial < cfg.repeats; trial++) {
        const sd = studentSeeds(cfg.seed, trial);
        const init = initOf(sd.init);
        const context: PhaseContext = { kind: 'seed', seed: trial + 1, of: cfg.repeats };
        const own = retrainTeacher ? await trainSeedTeacher(trial, context) : null;
        try {
          const tc = own ?? mainTeacher;
          const sr = await trainStudent('scratch', init, sd.order, null, context, tc);
          sr.model.dispose();
          const rec = recordSettings(liveWeights);
          const dr = await trainStudent('distill', init, sd.order, rec.weights, context, tc);
          dr.model.dispose();
          scratchAcc.push(sr.last.accuracy);
          distilledAcc.push(dr.last.accuracy);
          settings.push(rec.settings());
          hooks.onTrial?.({
            kind: 'seed',
            index: trial,
            total: cfg.repeats,
            seed: trial + 1,
            scratch: sr.last.accuracy,
            distilled: dr.last.accuracy,
            settings: rec.settings(),
            ...(own ? { teacher: own.accuracy } : {}),
          });
        } finally {
          if (own) {
            own.model.dispose();
            own.cached?.dispose();
          }
        }
      }
      // Only trials that trained with the same settings are pooled into one mean ± std.
      const pooled = poolableTrials(settings);
      const gains = pooled.map((i) => (distilledAcc[i]! - scratchAcc[i]!) * 100);
      seeds = {
        scratch: spread(pooled.map((i) => scratchAcc[i]!)),
        distilled: spread(pooled.map((i) => distilledAcc[i]!)),
        gains,
        gain: spread(gains),
        settings,
        pooled: pooled.map((i) => i + 1),
        variance: retrainTeacher ? 'students-and-teacher' : 'students',
      };
    }

    // Sweep: distil again at each grid point, from the main run's initial weights and order.
    let sweep: SweepSummary | null = null;
    if (cfg.sweep) {
      const grid = sweepPoints(cfg.sweep, cfg.temperature, cfg.alpha);
      sweep = { baseline: s.last.accuracy, baselineVal: s.val, points: [] };
      for (const [index, point] of grid.entries()) {
        const context: PhaseContext = { kind: 'sweep', point: index + 1, of: grid.length, temperature: point.temperature, alpha: point.alpha };
        const fixed: KdWeights = { ...point, scaleByT2: cfg.scaleByT2, softTerm: cfg.softTerm };
        const r = await trainStudent('distill', init0, seeds0.order, () => fixed, context);
        r.model.dispose();
        const result: TrialResult = {
          kind: 'sweep',
          index,
          total: grid.length,
          temperature: point.temperature,
          alpha: point.alpha,
          accuracy: r.last.accuracy,
          agreement: agreement(r.last.preds, t.last.preds),
          valAccuracy: r.val,
          baselineVal: s.val,
        };
        sweep.points.push(result);
        hooks.onTrial?.(result);
      }
    }

    const distilled = d.model;
    // With classes left out, the distilled student's validation logits let the bias correction be read on validation too.
    let validationLogits: ExperimentResults['validationLogits'] = null;
    if (cfg.excludeClasses.length > 0 && xVal && yVal && valSplit) {
      const v = await evaluate(distilled, xVal, yVal, valSplit.count);
      validationLogits = { labels: Array.from(valSplit.y), logits: Array.from(v.logits ?? []) };
    }
    const samples = await samplePredictions(distilled, data, inputSize);
    await controller.checkpoint();
    hooks.onPhase('distill', 0, { kind: 'latency' }, 0);
    const latency: LatencyResults = { teacher: [], student: [] };
    for (const batch of [1, 256]) {
      if (!pre) latency.teacher.push(await measureLatency(teacher, inputShape, batch));
      else if (pre.latency) latency.teacher.push(await pre.latency(batch));
      latency.student.push(await measureLatency(distilled, inputShape, batch));
    }
    const result = (e: Evaluation, ms: number, params: number, agree: number | null, val: number | null): ModelResult => ({
      accuracy: e.accuracy,
      loss: e.loss,
      agreement: agree,
      params,
      ece: e.ece,
      trainMs: ms,
      valAccuracy: val,
    });
    const studentParams = paramCount(cfg.student, inputShape, numClasses);
    const results: ExperimentResults = {
      teacher: result(t.last, t.ms, pre ? pre.params : given ? given.countParams() : paramCount(cfg.teacher, inputShape, numClasses), null, teacherVal),
      scratch: result(s.last, s.ms, studentParams, agreement(s.last.preds, t.last.preds), s.val),
      distilled: result(d.last, d.ms, studentParams, agreement(d.last.preds, t.last.preds), d.val),
      gainPoints: (d.last.accuracy - s.last.accuracy) * 100,
      samples,
      seeds,
      sweep,
      latency,
      trainCounts: { teacher: train.count, students: studentTrain.count, validation: valSplit?.count ?? 0 },
      validationLogits,
    };
    student = null;
    return { results, student: distilled, dispose: () => distilled.dispose() };
  } finally {
    tf.dispose(owned);
    for (const m of models) m.dispose();
    student?.dispose();
  }
}

/** The hint layers and the adapter between them, checked against the architectures and the adapter's parameter cap. */
function resolveHint(cfg: ExperimentConfig, inputShape: number[]) {
  const h = cfg.hint!;
  const t = hiddenLayerOptions(cfg.teacher, inputShape)[h.teacherLayer];
  const s = hiddenLayerOptions(cfg.student, inputShape)[h.studentLayer];
  if (!t) throw new Error(`The teacher has no hidden block ${h.teacherLayer + 1} for the hint.`);
  if (!s) throw new Error(`The student has no hidden block ${h.studentLayer + 1} for the hint.`);
  // FitNets' regressor: a 1×1 convolution between conv feature maps of one size, else dense; bounded in size.
  const adapter = planHintAdapter(s.shape, t.shape);
  const problem = hintAdapterProblem(adapter);
  if (problem) throw new Error(englishHintAdapterProblem(problem));
  return { ...h, adapter };
}

/** The distilled student's probabilities on the first few test examples (inputs included for low-dimensional sets). */
async function samplePredictions(model: tf.LayersModel, data: Dataset, inputSize: number): Promise<SamplePrediction[]> {
  const n = Math.min(SAMPLE_COUNT, data.test.count);
  const x = data.test.x.slice(0, n * inputSize);
  const probsT = tf.tidy(() => tf.softmax(model.apply(tf.tensor(x, [n, ...data.inputShape]), { training: false }) as tf.Tensor2D));
  const probs = await probsT.data();
  probsT.dispose();
  const out: SamplePrediction[] = [];
  for (let i = 0; i < n; i++) {
    out.push({
      input: inputSize <= 16 ? Array.from(x.subarray(i * inputSize, (i + 1) * inputSize)) : [],
      label: data.test.y[i]!,
      studentProbs: Array.from(probs.subarray(i * data.numClasses, (i + 1) * data.numClasses)),
    });
  }
  return out;
}
