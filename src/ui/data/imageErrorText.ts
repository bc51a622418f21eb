import type { TFunction } from 'i18next';
import type { ImageErrorValue } from '../../engine/data/images/imageErrors';

/** Why the user's image folder or zip cannot be used, as one sentence in the language of `t`. */
export function describeImageError(e: ImageErrorValue, t: TFunction<'app'>): string {
  switch (e.code) {
    case 'imageNoClasses':
      return t('dataError.imageNoClasses', { files: String(e.files) });
    case 'imageSingleClass':
      return t('dataError.imageSingleClass', { name: e.name });
    case 'imageTooManyClasses':
      return t('dataError.imageTooManyClasses', { count: e.count, max: String(e.max) });
    case 'imageClassEmpty':
      return t('dataError.imageClassEmpty', { names: e.names });
    case 'imageTooManyBytes':
      return t('dataError.imageTooManyBytes', {
        images: String(e.images),
        size: String(e.size),
        limit: String(e.limitMB),
        floatMB: String(e.floatMB),
        maxImages: String(e.maxImages),
      });
    case 'imageInputTooLarge':
      return t('dataError.imageInputTooLarge', { sizeMB: String(e.sizeMB), limit: String(e.limitMB) });
    case 'zipUnreadable':
      return t('dataError.zipUnreadable', { detail: e.detail });
    case 'zipBomb':
      return t('dataError.zipBomb', { detail: e.detail, limit: String(e.limitMB), ratio: String(e.ratio) });
  }
}
