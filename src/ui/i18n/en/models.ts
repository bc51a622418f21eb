import { IMPORT_MESSAGES_EN } from '../../../engine/import/errors';

/** English messages of the "models" namespace (the reference catalogue: zh-CN must have the same keys). */
export const models = {
  export: {
    title: 'Export the student',
    needsRun: 'Finish a run to export its distilled student.',
    precision: 'Weight precision',
    none: 'float32 (full precision)',
    float16: 'float16 (half the size)',
    uint8: 'uint8 (a quarter of the size)',
    size: 'Weights: {{bytes}} bytes ({{kb}} KB)',
    accuracy: 'Test accuracy: {{accuracy}} (float32: {{float}})',
    measuring: 'Measuring the student at this precision on the test set…',
    downloadZip: 'Download student (.zip)',
    building: 'Building the zip…',
    zipContents:
      'The zip holds model.json and weights.bin (TensorFlow.js layers format; quantised weights are restored by tf.loadLayersModel) and report.json: settings, metrics of all three models, backend, seed, time, studio version, and test inputs with the studio’s outputs.',
    pytorch: 'Export as PyTorch script',
    pytorchNote:
      'A self-contained Python script that reruns this exact experiment in PyTorch (same data and split, transfer set, T/α changes, seeds and sweep), on one process or under torchrun on many GPUs, and saves models and a report that load back here (Teacher: load a pretrained model…, History → Import).',
    pytorchLoadedTeacher: 'This run distilled from a loaded teacher, which the script cannot rebuild: train the teacher in the studio to export the run.',
    pytorchRefused: {
      loadedTeacher: 'This run’s teacher was loaded from a file ({{name}}); the script can only rebuild teachers designed in the studio. Train the teacher in the studio to export this run.',
      uploadNotCsv: 'This run trained on uploaded idx files; the script can re-read uploads only as CSV.',
      invalid: '{{detail}}',
    },
    failed: 'Export failed: {{message}}',
    onnxSize: 'ONNX file: {{bytes}} bytes ({{kb}} KB, {{precision}} weights)',
    downloadOnnx: 'Download student (.onnx)',
    downloadTeacherOnnx: 'Download teacher (.onnx)',
    buildingOnnx: 'Writing the ONNX file…',
    onnxNote:
      'ONNX (opset 13): input “input” in the studio’s layout ([N, 28, 28, 1] for images, pixels ÷ 255; [N, features] otherwise), outputs “logits” and “probabilities”; class names, input scaling and distillation settings are in its metadata. uint8 exports keep float32 weights in the ONNX file. The zip also holds model.onnx, with its SHA-256 in report.json.',
    onnxTeacherLoaded: 'The teacher was loaded from a file, so there is no studio-trained teacher to export.',
    snippetTitle: 'Load the .onnx file',
  },
  teacher: {
    title: 'Teacher: load a pretrained model…',
    files: 'Pretrained teacher files',
    hint: 'Drop or pick a TensorFlow.js layers model (model.json with its weight file(s)) or an ONNX file (.onnx, e.g. from torch.onnx.export). It must take this dataset’s inputs and output one score per class. Files stay in this tab.',
    inUseOnnx: 'In use: {{name}} (ONNX) · {{params}} parameters · operators: {{layers}}',
    onnxDetails: 'ONNX opset {{opset}} · made by {{producer}} · input fed as {{layout}} · onnxruntime-web (WASM, {{threads}} thread(s))',
    onnxSkips: 'Teacher training is skipped: at Start, onnxruntime-web computes the teacher’s logits on the training and test sets once (with a progress bar); the test accuracy is shown, and the students are distilled from those logits.',
    onnxNoLive: 'An ONNX teacher cannot run live (its logits are computed once), so augmentation of the students’ inputs and “Run the teacher live” were switched off.',
    checking: 'Checking {{names}}…',
    inUse: 'In use: {{name}} · {{params}} parameters · {{layers}}',
    skips: 'Teacher training is skipped: the loaded model is evaluated on the test set and distilled from.',
    softmax: 'Its softmax output was replaced by the logits before it (distillation needs logits).',
    quantized: 'Its weights are stored as {{schemes}} (dequantised on load).',
    remove: 'Remove the loaded teacher',
    accuracy: 'Loaded teacher’s test accuracy: {{accuracy}} (not retrained)',
    rejected: 'This model cannot be the teacher: {{message}}',
    gone: 'The pretrained teacher is no longer loaded — please load its files again.',
    mismatch: 'It was loaded for inputs {{shape}} with {{classes}} classes, but the current dataset differs: a run would fail. Load a matching model or go back to that dataset.',
  },
  /** Why a pretrained teacher's files were rejected (the engine's English wording, so `.message` is the same sentence). */
  importError: IMPORT_MESSAGES_EN,
} as const;
