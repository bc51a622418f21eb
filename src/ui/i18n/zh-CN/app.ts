import type { Catalogue } from '../catalogue';
import type { app as en } from '../en/app';

/** Simplified Chinese messages of the "app" namespace. */
export const app: Catalogue<typeof en> = {
  title: 'Distill Studio 知识蒸馏工作室',
  tagline: '在浏览器中进行知识蒸馏：教师模型、从零训练的学生模型和蒸馏得到的学生模型，并排比较。',
  settings: '实验设置',
};
