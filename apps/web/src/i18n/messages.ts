import type { vi } from './vi.ts';

/** Replace every string literal of a message tree by `string`, keeping its exact shape. */
type Widen<T> = { readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** The shape every language must provide: exactly the keys of the Vietnamese messages. */
export type Messages = Widen<typeof vi>;
