import type { Catalogue } from '../catalogue';
import type { lessons as en } from '../en/lessons';

/** Simplified Chinese messages of the "lessons" namespace. */
export const lessons: Catalogue<typeof en> = {
  menu: {
    label: '课程',
    none: '选择一节课…',
    hint: '每节课讲解一个概念并为它设置好实验；在你按下“开始”之前不会运行。',
  },
  card: {
    close: '关闭课程',
    part: '第 {{n}} 部分：{{label}}',
    applied: '已应用第 {{n}} 部分：按“开始”运行。',
    locked: '请先停止运行（或等待其结束）再应用某一部分。',
    focus_explorer: '请看：温度探索器。',
    focus_bias: '请看：偏置校正面板。',
    focus_boundaries: '请看：决策边界。',
  },
  temperature: {
    title: '什么是温度？',
    explanation:
      '网络的 logits 经过 softmax 变成概率。在 softmax 之前把 logits 除以温度 T，会让分布变得平缓：T = 1 时教师几乎完全确定，T 更高时错误类别也获得可见的概率，而它们之间的排序（哪些错误答案彼此相似）就是学生可以学习的“暗知识”。先在螺旋数据上运行，然后在温度探索器中调节 T，观察教师的软目标如何展开。',
    part1: '螺旋数据，T = 4 的快速运行',
  },
  distillVsScratch: {
    title: '蒸馏能胜过从零训练吗？',
    explanation:
      '这节课包含两半。第 1 部分：CNN 教师用全部训练数字学习；随后一个没有正则化的 784→800→800→10 学生只用 1,000 个数字学习，一次只用标签，一次在 T = 20、α = 0.9 下蒸馏，共 3 个种子。大学生会过拟合这 1,000 个标签，而软目标起到正则化的作用：蒸馏在每个种子上都获胜。第 2 部分用一个很小的 784→32→10 学生重复实验，它太小，吸收不了教师的知识：蒸馏几乎没有收益。蒸馏是否有用，取决于学生是否有学习的余地。第 3 部分是工作室自己的对照：默认运行只让学生看到螺旋训练点中的 60 个（教师看到全部），蒸馏胜出；当两个学生都看到所有点时，仅靠标签就足够了，蒸馏没有任何提升。',
    part1: 'MNIST，800·800 学生，1,000 个数字（3 个种子）',
    part2: 'MNIST，32 单元的小学生，1,000 个数字（3 个种子）',
    part3: '螺旋数据，两个学生都看到全部 1,200 个点（3 个种子）：没有提升',
  },
  omittedDigit: {
    title: 'Hinton 2015：被省略的数字',
    explanation:
      '学生从未见过任何一个 3：它们的训练集中去掉了所有的 3，而教师用全部数字学习。从零训练的学生无法预测一个从未见过的类别，但蒸馏学生仅凭软目标仍能认出许多 3：教师对 8 和 5 给出的概率说明了它们与 3 有多像。由于训练中类别 3 从来不是正确答案，它的偏置偏低；提高类别 3 的偏置（Hinton 的校正）能找回大部分剩下的 3。请在偏置校正面板中试一试。',
    part1: '迁移集中没有任何 3 的 MNIST，T = 20',
  },
  whyT2: {
    title: '为什么要乘 T²？',
    explanation:
      '软项比较的是经 T 软化后的概率，其梯度按 1/T² 缩小：T = 20 时比 T = 1 时弱 400 倍。没有这个因子，软目标与 (1 − α) 的硬标签项相比几乎不起作用，于是提高 T 会悄悄地关掉蒸馏。把软项乘以 T² 可以恢复其尺度，使 α 无论 T 为多少都保持原意。运行两个部分（相同的数据、种子和 T = 20），比较蒸馏学生的决策边界和准确率。',
    part1: 'T = 20，不乘 T²',
    part2: 'T = 20，乘以 T²',
  },
  logitsVsProbabilities: {
    title: 'Logits 与概率',
    explanation:
      'Hinton 的软项是教师与学生软化概率之间的 KL 散度。Ba 和 Caruana（2014）则直接用平方误差匹配 logits。温度很高时两者几乎一致（此时 KL 相当于匹配去均值后的 logits），但 MSE 还会复制 logits 的整体尺度，并且不使用 T。运行两个只在软项上不同的部分，比较两个学生。',
    part1: '软目标上的 KL',
    part2: 'logits 上的 MSE',
  },
  boundaries: {
    heading: '决策边界',
    note: '每张图按模型预测的类别给输入平面着色，越不确定颜色越浅；圆点是测试点，颜色为其真实类别。',
    teacher: '教师',
    scratch: '从零训练的学生',
    distill: '蒸馏学生',
    caption: '{{model}} · 第 {{epoch}} 轮',
    waiting: '{{model}} · 尚未训练',
    description: '{{model}}在第 {{epoch}} 轮后的决策边界：{{shares}}；越不确定颜色越浅；{{points}} 个测试点以圆点表示。',
    share: '{{name}} {{percent}} %',
    empty: '{{model}}：还没有决策边界。',
  },
};
