/**
 * A pure function of one string, remembering its answers: lint asks the same questions
 * (is this principal valid? which account does it name?) for the same few values in every
 * policy and on every keystroke. The cache is dropped when it holds 1000 answers, so that
 * it stays small whatever the input. Answers are shared: callers must not change them.
 *
 * Only worth it for work that costs more than the look-up: the strings of a parsed document
 * are new each time, and a Map look-up must hash and compare them (about 100 ns for a short
 * key in Node 20, more than twice a toLowerCase()). Regular expressions, splitting and the
 * objects they make are worth remembering; lower-casing alone is not.
 */
const NONE = Symbol('no key yet');

export function memoize<T>(compute: (key: string) => T): (key: string) => T {
  const answers = new Map<string, T>();
  // The last question, answered without a look-up: the rules of a lint ask one after another
  // about the same value (a policy's one action or provider), and comparing it with the last
  // key costs a fraction of hashing it.
  let lastKey: string | typeof NONE = NONE;
  let lastAnswer: T | undefined;
  return (key) => {
    if (key === lastKey) return lastAnswer as T;
    let answer = answers.get(key);
    if (answer === undefined && !answers.has(key)) {
      answer = compute(key);
      if (answers.size >= 1000) answers.clear();
      answers.set(key, answer);
    }
    lastKey = key;
    lastAnswer = answer;
    return answer as T;
  };
}
