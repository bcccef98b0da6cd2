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
export function memoize<T>(compute: (key: string) => T): (key: string) => T {
  const answers = new Map<string, T>();
  return (key) => {
    const known = answers.get(key);
    if (known !== undefined || answers.has(key)) return known as T;
    const answer = compute(key);
    if (answers.size >= 1000) answers.clear();
    answers.set(key, answer);
    return answer;
  };
}
