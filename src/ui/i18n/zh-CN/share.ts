import type { Catalogue } from '../catalogue';
import type { share as en } from '../en/share';

/** Simplified Chinese messages of the "share" namespace. */
export const share: Catalogue<typeof en> = {
  toolbar: '显示与分享',
  language: '语言',
  largeFont: '大字号（投影模式）',
  copyLink: '复制链接',
  copied: '已复制',
  linkLabel: '此设置的链接',
  linkNoImages: '链接只携带设置（模型和训练参数），不携带你的图片：图片从不离开此标签页。打开链接的人会看到内置的彩色数据集，直到他们加载自己的文件夹（你的图片按 {{size}} × {{size}} 处理）。',
  linkNoData: '链接只携带设置，不携带你的数据文件：文件从不离开此标签页。打开链接的人会看到一个内置数据集，直到他们加载自己的数据。',
  linkFallback: '此处无法自动复制：链接已选中，请按 Ctrl+C（⌘C）复制。',
  noticesRegion: '链接问题',
  noticesTitle: '链接中的部分设置无法使用：',
  badValue: '{{key}}：“{{value}}”无效；改用 {{used}}。',
  unknownKey: '未知设置“{{key}}”（值为“{{value}}”），已忽略。',
  unknownHide: 'hide= 中的未知控件“{{id}}”，已忽略。',
  dismiss: '关闭',
  empty: '（空）',
};
