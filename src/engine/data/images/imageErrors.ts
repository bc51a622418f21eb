/** Why a user's image folder or zip cannot be used, as codes + parameters (worded by the UI's `images` catalogue). */
export type ImageErrorValue =
  | { code: 'imageNoClasses'; files: number }
  | { code: 'imageSingleClass'; name: string }
  | { code: 'imageTooManyClasses'; count: number; max: number }
  | { code: 'imageClassEmpty'; names: string }
  | { code: 'imageTooManyBytes'; images: number; size: number; limitMB: number; floatMB: number; maxImages: number }
  | { code: 'imageInputTooLarge'; sizeMB: number; limitMB: number }
  | { code: 'zipUnreadable'; detail: string }
  | { code: 'zipBomb'; detail: string; limitMB: number; ratio: number };

/** The English sentence of an image-set error (the wording the UI's English catalogue reproduces). */
export function englishImageError(e: ImageErrorValue): string {
  switch (e.code) {
    case 'imageNoClasses':
      return `No class folders were found among ${e.files} files: put each class’s images in its own folder (for example cats/… and dogs/…).`;
    case 'imageSingleClass':
      return `Only one class folder was found, "${e.name}": at least 2 classes are needed to train a classifier.`;
    case 'imageTooManyClasses':
      return `${e.count} class folders were found; at most ${e.max} classes are supported.`;
    case 'imageClassEmpty':
      return `These class folders have no usable image: ${e.names}. Add images to them or remove them.`;
    case 'imageTooManyBytes':
      return `${e.images} images at ${e.size}×${e.size} need more than ${e.limitMB} MB of decoded pixels (${e.floatMB} MB as training features), the most the studio holds: at most ${e.maxImages} images at this size. Choose a smaller size or fewer images.`;
    case 'imageInputTooLarge':
      return `The files come to ${e.sizeMB} MB; at most ${e.limitMB} MB are read.`;
    case 'zipUnreadable':
      return `The zip file could not be read: ${e.detail}.`;
    case 'zipBomb':
      return `The zip file was refused as a possible zip bomb: ${e.detail} (at most ${e.limitMB} MB in all, and no entry compressed more than ${e.ratio}-fold).`;
  }
}
