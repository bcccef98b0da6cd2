import type { KeyType } from './iamData';
import { memoize } from '../base/memoize';

/** Base operators IAM knows, with the type of value each compares. */
const BASE_OPERATORS: Record<string, KeyType | 'Null'> = {
  StringEquals: 'String',
  StringNotEquals: 'String',
  StringEqualsIgnoreCase: 'String',
  StringNotEqualsIgnoreCase: 'String',
  StringLike: 'String',
  StringNotLike: 'String',
  NumericEquals: 'Numeric',
  NumericNotEquals: 'Numeric',
  NumericLessThan: 'Numeric',
  NumericLessThanEquals: 'Numeric',
  NumericGreaterThan: 'Numeric',
  NumericGreaterThanEquals: 'Numeric',
  DateEquals: 'Date',
  DateNotEquals: 'Date',
  DateLessThan: 'Date',
  DateLessThanEquals: 'Date',
  DateGreaterThan: 'Date',
  DateGreaterThanEquals: 'Date',
  Bool: 'Bool',
  BinaryEquals: 'Binary',
  IpAddress: 'IPAddress',
  NotIpAddress: 'IPAddress',
  ArnEquals: 'ARN',
  ArnLike: 'ARN',
  ArnNotEquals: 'ARN',
  ArnNotLike: 'ARN',
  Null: 'Null',
};

export const BASE_OPERATOR_NAMES: readonly string[] = Object.keys(BASE_OPERATORS);

export type SetOperator = 'ForAllValues' | 'ForAnyValue';

export interface ParsedOperator {
  /** The operator as written. */
  text: string;
  /** `StringLike` for `ForAnyValue:StringLikeIfExists`; undefined when unknown. */
  base: string | undefined;
  setOperator: SetOperator | undefined;
  ifExists: boolean;
  /** The type of value it compares ('Null' for Null); undefined when unknown. */
  valueType: KeyType | 'Null' | undefined;
  /** Negated forms (`StringNotEquals`, `NotIpAddress`, `ArnNotLike` …) match when the value differs. */
  negated: boolean;
  /** Wildcard-matching forms (`StringLike`, `ArnLike`, and their Not forms). */
  globbing: boolean;
  /** Why the operator is invalid, when it is. Names are case-sensitive in IAM. */
  problem: string | undefined;
}

/** Parses an operator name; results are shared and must not be changed. */
export const parseOperator = memoize(computeOperator);

function computeOperator(text: string): ParsedOperator {
  let rest = text;
  let setOperator: SetOperator | undefined;
  let problem: string | undefined;
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const prefix = rest.slice(0, colon);
    rest = rest.slice(colon + 1);
    if (prefix === 'ForAllValues' || prefix === 'ForAnyValue') setOperator = prefix;
    else problem = `Unknown set operator "${prefix}": use ForAllValues or ForAnyValue`;
  }
  let ifExists = false;
  if (rest.endsWith('IfExists')) {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  const valueType = Object.prototype.hasOwnProperty.call(BASE_OPERATORS, rest) ? BASE_OPERATORS[rest] : undefined;
  const base = valueType ? rest : undefined;
  if (!problem) {
    if (!base) {
      const caseless = BASE_OPERATOR_NAMES.find((name) => name.toLowerCase() === rest.toLowerCase());
      problem = caseless
        ? `Unknown operator "${text}": operator names are case-sensitive, did you mean "${text.replace(rest, caseless)}"?`
        : `Unknown condition operator "${text}"`;
    } else if (base === 'Null' && ifExists) problem = 'NullIfExists is not an operator: Null already tests whether the key exists';
  }
  return {
    text,
    base,
    setOperator,
    ifExists,
    valueType: problem && !base ? undefined : valueType,
    negated: base !== undefined && /Not/.test(base),
    globbing: base !== undefined && /Like$/.test(base),
    problem,
  };
}
