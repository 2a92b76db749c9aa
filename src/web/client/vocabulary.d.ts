// The module the bundle builds from contracts/ (src/web/vocabulary.ts, src/web/bundle.ts).
declare module 'ledger:vocabulary' {
  const vocabulary: import('../vocabulary-shape.js').Vocabulary;
  export default vocabulary;
}
