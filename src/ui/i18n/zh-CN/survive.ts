import type { Catalogue } from '../catalogue';
import type { survive as en } from '../en/survive';

/** Simplified Chinese messages of the "survive" namespace. */
export const survive: Catalogue<typeof en> = {
  region: '运行恢复',
  phaseTeacher: '教师模型训练',
  phaseScratch: '从零训练学生模型',
  phaseDistill: '蒸馏',
  statusHalted: '因故障暂停于{{where}}{{backend}}',
  savedRun: '已保存一次未完成的运行：{{phase}}第 {{epoch}} 轮（共 {{epochs}} 轮）之后。',
  resumeSaved: '继续运行（{{phase}}，第 {{epoch}} 轮，共 {{epochs}} 轮）',
  discard: '丢弃',
  lastGood: '已保留最后一次正常的权重（{{phase}}第 {{epoch}} 轮，共 {{epochs}} 轮之后）。',
  noCheckpoint: '尚未完成任何一轮，因此运行将从头开始。',
  divergedHelp: '请修改设置（例如降低学习率），然后继续。',
  resumeWithSettings: '按当前设置继续',
  restartWorker: '重启工作线程并从检查点继续',
  incompatible: '这些设置与已保存的权重不再匹配（已更改：{{fields}}）：请改回后继续，或丢弃此次运行。',
  teacherAgain: '此次运行使用已加载的教师模型 {{name}} 进行蒸馏，但它现在未被加载：请重新加载它的文件（教师：加载预训练模型…）后继续，或丢弃此次运行。',
  workerGone: '训练工作线程已停止（被终止或内存不足）。',
  switchDeviceLost: '{{from}} 设备已丢失；在 {{to}} 上从{{phase}}第 {{epoch}} 轮之后继续。',
  switchDeviceLostStart: '{{from}} 设备已丢失；在 {{to}} 上从头继续。',
  switchKernel: '{{from}} 缺少这些模型所需的内核；在 {{to}} 上从{{phase}}第 {{epoch}} 轮之后继续。',
  switchKernelStart: '{{from}} 缺少这些模型所需的内核；在 {{to}} 上从头继续。',
  saveFailed: '无法在此浏览器中保存检查点：{{message}}',
  divergedNaN: '损失在{{phase}}的第 {{step}} 步变为 NaN：请尝试更低的学习率。',
  divergedInfinite: '损失在{{phase}}的第 {{step}} 步变为 {{value}}：请尝试更低的学习率。',
  divergedExploded: '损失在{{phase}}的第 {{step}} 步暴增至 {{value}}：请尝试更低的学习率。',
};
