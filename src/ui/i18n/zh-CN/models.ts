import type { Catalogue } from '../catalogue';
import type { models as en } from '../en/models';

/** Simplified Chinese messages of the "models" namespace. */
export const models: Catalogue<typeof en> = {
  export: {
    title: '导出学生模型',
    needsRun: '完成一次运行后即可导出蒸馏得到的学生模型。',
    precision: '权重精度',
    none: 'float32（全精度）',
    float16: 'float16（体积减半）',
    uint8: 'uint8（体积为四分之一）',
    size: '权重：{{bytes}} 字节（{{kb}} KB）',
    accuracy: '测试准确率：{{accuracy}}（float32：{{float}}）',
    measuring: '正在测试集上评估该精度下的学生模型…',
    downloadZip: '下载学生模型（.zip）',
    building: '正在生成 zip…',
    zipContents:
      'zip 包含 model.json 和 weights.bin（TensorFlow.js layers 格式；量化权重由 tf.loadLayersModel 还原）以及 report.json：设置、三个模型的指标、后端、随机种子、时间、工作室版本，以及测试输入和工作室给出的输出。',
    pytorch: '导出为 PyTorch 脚本',
    pytorchNote: '一个独立的 Python 脚本，用 PyTorch 重新运行本实验（教师、从零训练、蒸馏）。',
    pytorchLoadedTeacher: '脚本会按所配置的结构训练自己的教师模型：已加载的教师模型不包含在内。',
    failed: '导出失败：{{message}}',
  },
  teacher: {
    title: '教师模型：加载预训练模型…',
    files: '预训练教师模型文件',
    hint: '拖入或选择一个 TensorFlow.js layers 模型：model.json 及其权重文件。它的输入必须与本数据集一致，并为每个类别输出一个分数。文件不会离开此标签页。',
    checking: '正在检查 {{names}}…',
    inUse: '使用中：{{name}} · {{params}} 个参数 · {{layers}}',
    skips: '跳过教师训练：已加载的模型会在测试集上评估，并作为蒸馏的教师。',
    softmax: '其 softmax 输出已替换为之前的 logits（蒸馏需要 logits）。',
    quantized: '其权重以 {{schemes}} 存储（加载时反量化）。',
    remove: '移除已加载的教师模型',
    accuracy: '已加载教师模型的测试准确率：{{accuracy}}（未重新训练）',
    rejected: '该模型不能作为教师：{{message}}',
    gone: '预训练教师模型已不再加载——请重新加载其文件。',
    mismatch: '它是按输入 {{shape}}、{{classes}} 个类别加载的，但当前数据集不同：运行将会失败。请加载匹配的模型，或切换回该数据集。',
  },
};
