/**
 * Checks a parsed document against the topology schema and rewrites ajv's errors into sentences
 * that name the field, the value and a fix.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { plural } from '../text/plural.js';
import { firstUnsafeCharacter, quote } from '../text/quote.js';
import { didYouMean } from './didYouMean.js';
import { type DocPath, formatPath, type PathIssue } from './issues.js';
import { topologyValidator } from './schema.js';

export function validateAgainstSchema(
  value: unknown,
  validate: ValidateFunction = topologyValidator(),
): PathIssue[] {
  if (validate(value)) return [];
  return rewrite(validate.errors ?? [], value);
}

function rewrite(errors: ErrorObject[], root: unknown): PathIssue[] {
  const guesses = new Map<ErrorObject, string | undefined>();
  const guessKey = (error: ErrorObject) => {
    if (!guesses.has(error)) guesses.set(error, guessAllowedKey(error));
    return guesses.get(error);
  };
  // An anyOf speaks for its branches; an if/then only says "must match then".
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  // A misspelt required key is both unknown and missing; the unknown key's did-you-mean says it all.
  const misspelt = new Set(
    errors.filter((e) => e.keyword === 'additionalProperties').map((e) => `${e.instancePath}/${guessKey(e)}`),
  );
  const issues: PathIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (error.keyword === 'if') continue;
    if (error.keyword === 'required' && misspelt.has(`${error.instancePath}/${error.params.missingProperty}`))
      continue;
    if (error.keyword !== 'anyOf' && anyOfPaths.has(error.instancePath)) continue;
    const issue = toIssue(error, root, guessKey);
    const key = `${formatPath(issue.path)}|${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}

function toIssue(
  error: ErrorObject,
  root: unknown,
  guessKey: (error: ErrorObject) => string | undefined,
): PathIssue {
  const path = toPath(error.instancePath);
  const field = formatPath(path);
  const value = valueAt(root, path);
  const params = error.params as Record<string, unknown>;
  const schema = error.parentSchema as Record<string, unknown> | undefined;
  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      return {
        path,
        message: `${field} is missing the required key \`${missing}\``,
        hint: `add \`${missing}:\``,
      };
    }
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      const allowed = allowedKeys(error);
      const guess = guessKey(error);
      return {
        path: [...path, extra],
        atKey: true,
        message: `unknown key ${quote(extra)} in ${field}`,
        hint: guess ? `did you mean \`${guess}\`?` : `allowed keys: ${allowed.join(', ')}`,
      };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const guess = typeof value === 'string' ? didYouMean(value, allowed) : undefined;
      return {
        path,
        message: `${field} is ${show(value)}, which is not one of ${allowed.map((a) => `\`${a}\``).join(', ')}`,
        ...(guess ? { hint: `did you mean \`${guess}\`?` } : {}),
      };
    }
    case 'const':
      return { path, message: `${field} must be \`${String(params.allowedValue)}\`` };
    case 'type':
      if (typeof value === 'number' && isUnitString(schema))
        return {
          path,
          message: `${field} is \`${value}\`, a number without a unit`,
          hint: patternHint(schema),
        };
      return {
        path,
        message: `${field} must be ${article(String(params.type))}, not ${describeType(value)}`,
      };
    case 'pattern': {
      const unsafe = typeof value === 'string' ? firstUnsafeCharacter(value) : undefined;
      if (unsafe)
        return {
          path,
          message: `${field} contains the ${unsafe.control ? 'control' : 'bidirectional formatting'} character ${unsafe.escaped} (character ${unsafe.index + 1})`,
          hint: 'remove it: names and descriptions are shown in terminals and reports, where control characters act on the terminal and bidirectional formatting reorders the text around them',
        };
      const kind = unitKind(schema);
      if (typeof value === 'string' && /^\s*-\s*\d/.test(value) && kind && isUnitString(schema))
        return {
          path,
          message: `${field} is ${show(value)}, which is negative; ${kind.replace(/ with a unit$| such as .*$/, '')} must not be negative`,
          hint: patternHint(schema),
        };
      return {
        path,
        message: `${field} is ${show(value)}, ${patternProblem(schema)}`,
        hint: patternHint(schema),
      };
    }
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum':
      return { path, message: `${field} is ${show(value)}, but it ${bound(error.keyword, params.limit)}` };
    case 'minItems':
      return {
        path,
        message: `${field} needs at least ${plural(Number(params.limit), 'entry', 'entries')}`,
      };
    case 'maxItems':
      return { path, message: `${field} has more than ${String(params.limit)} entries` };
    case 'minLength':
      return { path, message: `${field} must not be empty` };
    case 'maxLength':
      return { path, message: `${field} is longer than ${String(params.limit)} characters` };
    case 'uniqueItems':
      return {
        path,
        message: `${field} lists the same value twice (entries ${String(params.j)} and ${String(params.i)})`,
      };
    case 'anyOf':
      return { path, message: `${field} is ${show(value)}, but it must be ${anyOfChoices(schema)}` };
    default:
      return { path, message: `${field} ${error.message ?? 'is invalid'}` };
  }
}

function allowedKeys(error: ErrorObject): string[] {
  return Object.keys(((error.parentSchema as Record<string, unknown>)?.properties as object) ?? {});
}

/** For an unknown key: the allowed key it is probably a typo of. */
function guessAllowedKey(error: ErrorObject): string | undefined {
  return didYouMean(String(error.params.additionalProperty), allowedKeys(error));
}

function toPath(instancePath: string): DocPath {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function valueAt(root: unknown, path: DocPath): unknown {
  let node = root;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}

function show(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (value === null) return '`null`';
  if (typeof value === 'object') return Array.isArray(value) ? 'a list' : 'a mapping';
  return `\`${String(value)}\``;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number' && !Number.isFinite(value)) return 'an infinite number';
  if (typeof value === 'number' && !Number.isInteger(value)) return `the fraction ${value}`;
  return `${article(typeof value)} (${show(value)})`;
}

function article(type: string): string {
  const names: Record<string, string> = {
    integer: 'a whole number',
    number: 'a number',
    string: 'a string',
    boolean: 'true or false',
    object: 'a mapping (key: value)',
    array: 'a list',
  };
  return names[type] ?? type;
}

function bound(keyword: string, limit: unknown): string {
  const n = Number(limit).toLocaleString('en-US');
  switch (keyword) {
    case 'minimum':
      return `must be at least ${n}`;
    case 'exclusiveMinimum':
      return `must be more than ${n}`;
    case 'maximum':
      return `must be at most ${n}`;
    default:
      return `must be less than ${n}`;
  }
}

/** Unit strings share a few patterns; say which kind of figure was expected. */
function patternProblem(schema: Record<string, unknown> | undefined): string {
  const title = String(schema?.title ?? '');
  const kind = unitKind(schema);
  if (kind) return `which is not ${kind}`;
  return `which does not have the form of ${title ? `a ${title.toLowerCase()}` : 'this field'}`;
}

function patternHint(schema: Record<string, unknown> | undefined): string {
  const examples = (schema?.examples as unknown[] | undefined)?.map((e) => `\`${String(e)}\``) ?? [];
  const description = String(schema?.description ?? '');
  return examples.length > 0 ? `${description} For example ${examples.join(' or ')}.` : description;
}

function unitKind(schema: Record<string, unknown> | undefined): string | undefined {
  const pattern = String(schema?.pattern ?? '');
  if (pattern.includes('KiB')) return 'a size with a unit';
  if (pattern.includes('/\\s*(s|m')) return 'a rate such as `50/s`';
  if (pattern.includes('ms|s')) return 'a duration with a unit';
  if (pattern.includes('A-Za-z0-9')) return 'a valid identifier';
  return undefined;
}

/** A duration, size or rate: a string whose number needs its unit. */
function isUnitString(schema: Record<string, unknown> | undefined): boolean {
  const kind = unitKind(schema);
  return kind !== undefined && kind !== 'a valid identifier';
}

function anyOfChoices(schema: Record<string, unknown> | undefined): string {
  const branches = (schema?.anyOf as Record<string, unknown>[] | undefined) ?? [];
  const names = branches.map((b) => ('const' in b ? `\`${String(b.const)}\`` : 'a duration such as `30s`'));
  return names.join(' or ');
}
