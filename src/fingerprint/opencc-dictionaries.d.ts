// opencc-js publishes its dictionaries as modules without types (package.json "exports": "./*"):
// each default-exports one string of "from to|from to|…" pairs (han-variants.ts reads two).
declare module 'opencc-js/dict/TSCharacters' {
  const pairs: string;
  export default pairs;
}
declare module 'opencc-js/dict/STCharacters' {
  const pairs: string;
  export default pairs;
}
