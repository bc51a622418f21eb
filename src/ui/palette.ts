/** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. */
export const COLORS = {
  teacher: '#D55E00',
  scratch: '#0072B2',
  distill: '#009E73',
  soft: '#CC79A7',
  hard: '#56B4E9',
  hint: '#E69F00',
  mark: '#444444',
} as const;
