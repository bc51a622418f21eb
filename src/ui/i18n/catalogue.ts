/** The shape of a translated catalogue: the reference catalogue's keys, each with a string of the target language. */
export type Catalogue<T> = { readonly [K in keyof T]: T[K] extends string ? string : Catalogue<T[K]> };
