// sastrawijs ships typings, but its package.json "exports" map has no "types" condition, so
// NodeNext resolution cannot find them. This declares the small part of the API we use.
declare module "sastrawijs" {
  export class Stemmer {
    constructor(dictionary?: string[]);
    stem(word: string): string;
    /** True when the word is in the stemmer's root-word dictionary. */
    find(word: string): boolean;
  }
}
