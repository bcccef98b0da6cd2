import { lookupConditionKey, stsAction } from './iamData';
import type { StsActionData } from './iamData.generated';

/** Lower-case names of the condition keys each sts action receives, made on first use. */
const receivedKeys = new Map<StsActionData, Set<string>>();

/**
 * Whether a service-less key is one the statement's sts actions receive (per the IAM data).
 * `info` is lookupConditionKey(key), when the caller has it already.
 */
export function actionReceivesKey(actionName: string, key: string, info = lookupConditionKey(key)): boolean {
  const action = stsAction(actionName);
  if (!action) return false;
  let keys = receivedKeys.get(action);
  if (!keys) {
    keys = new Set(action.conditionKeys.map((k) => k.toLowerCase()));
    receivedKeys.set(action, keys);
  }
  return keys.has((info?.name ?? key).toLowerCase());
}

/** Why a condition value cannot be compared with an operator of this type, if it cannot. */
export function valueProblem(type: string, value: string): string | undefined {
  if (value.includes('${')) return undefined; // policy variables are resolved at request time
  switch (type) {
    case 'Bool':
    case 'Null':
      return /^(true|false)$/i.test(value) ? undefined : `"${value}" is not true or false`;
    case 'Numeric':
      return /^-?\d+(\.\d+)?$/.test(value) ? undefined : `"${value}" is not a number`;
    case 'Date':
      return /^\d+$/.test(value) || (/^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value)))
        ? undefined
        : `"${value}" is not a date (ISO 8601 such as 2026-01-31T00:00:00Z, or epoch seconds)`;
    case 'IPAddress':
      return isIpOrCidr(value) ? undefined : `"${value}" is not an IP address or CIDR range`;
    case 'ARN':
      return value === '*' || (value.startsWith('arn:') && colonCount(value) >= 5)
        ? undefined
        : `"${value}" is not an ARN (arn:partition:service:region:account:resource)`;
    case 'Binary':
      return /^[A-Za-z0-9+/]+={0,2}$/.test(value) ? undefined : `"${value}" is not base64`;
    default:
      return undefined;
  }
}

/** How many `:` a value holds (an ARN has six parts, so at least five), counted without splitting. */
function colonCount(value: string): number {
  let count = 0;
  for (let i = value.indexOf(':'); i >= 0; i = value.indexOf(':', i + 1)) count++;
  return count;
}

function isIpOrCidr(value: string): boolean {
  const [address, bits, ...rest] = value.split('/');
  if (rest.length > 0 || !address) return false;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (v4) return v4.slice(1).every((o) => Number(o) <= 255) && (bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= 32));
  if (/^[0-9a-fA-F:]+$/.test(address) && address.includes(':') && (address.match(/::/g) ?? []).length <= 1) {
    return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= 128);
  }
  return false;
}
