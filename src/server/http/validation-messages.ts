/** The parts of an Ajv error we read; kept structural so no Ajv types leak into the app. */
export interface SchemaIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

/** "weekly_capacity" -> "Weekly capacity", the way Rails names an attribute in a message. */
export function humanAttribute(path: string): string {
  const words = path.replaceAll('_', ' ').replace(/\//g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Turns schema errors into Rails-style full messages ("Weekly capacity is not a number"), the
 * language of Harvest's 422 bodies. Unknown keywords fall back to "is invalid".
 */
export function schemaIssueMessages(issues: readonly SchemaIssue[]): string[] {
  const messages = issues
    .filter((i) => i.keyword !== 'if')
    .map((issue) => {
      const path = issue.instancePath.replace(/^\//, '');
      if (issue.keyword === 'required') {
        const missing =
          typeof issue.params.missingProperty === 'string' ? issue.params.missingProperty : '';
        return `${humanAttribute(path ? `${path}/${missing}` : missing)} can't be blank`;
      }
      const name = humanAttribute(path) || 'Request';
      switch (issue.keyword) {
        case 'type': {
          const type = String(issue.params.type);
          if (type.includes('integer')) return `${name} must be an integer`;
          if (type.includes('number')) return `${name} is not a number`;
          if (type.includes('boolean')) return `${name} must be true or false`;
          if (type.includes('array')) return `${name} must be a list`;
          if (type.includes('object')) return `${name} must be an object`;
          return `${name} is invalid`;
        }
        case 'enum':
          return `${name} is not included in the list`;
        case 'nul':
          return `${name} must not contain NUL characters`;
        case 'additionalProperties':
          return `${name === 'Request' ? 'The body' : name} has no field ${String(issue.params.additionalProperty)}`;
        case 'maxDepth':
          return `${name} is nested too deeply (at most ${String(issue.params.limit)} levels)`;
        case 'minItems':
          return `${name} must have at least ${String(issue.params.limit)} item(s)`;
        case 'minimum':
          return `${name} must be greater than or equal to ${String(issue.params.limit)}`;
        case 'exclusiveMinimum':
          return `${name} must be greater than ${String(issue.params.limit)}`;
        case 'maximum':
          return `${name} must be less than or equal to ${String(issue.params.limit)}`;
        case 'exclusiveMaximum':
          return `${name} must be less than ${String(issue.params.limit)}`;
        case 'minLength':
          return Number(issue.params.limit) <= 1
            ? `${name} can't be blank`
            : `${name} is too short (minimum is ${String(issue.params.limit)} characters)`;
        case 'maxLength':
          return `${name} is too long (maximum is ${String(issue.params.limit)} characters)`;
        case 'format':
          return issue.params.format === 'date'
            ? `${name} is not a valid date`
            : `${name} is invalid`;
        default:
          return `${name} is invalid`;
      }
    });
  return [...new Set(messages)];
}

/** A field a request got wrong, as a client localises it: where, which rule, and its limit. */
export interface FieldProblem {
  /** The field's path in the body or query, dot-separated (`cells.0.seconds`); '' for the whole. */
  field: string;
  /** blank, type, enum, min, max, minLength, maxLength, minItems, format, unknown or invalid. */
  rule: string;
  /** The rule's number (a minimum, a length), or the type or format expected. */
  limit?: number | string;
}

/**
 * The same schema errors as `schemaIssueMessages`, as data: a web app words them in its own
 * language and shows each at its field, where an English sentence would only fit one.
 */
export function schemaIssueFields(issues: readonly SchemaIssue[]): FieldProblem[] {
  const problems = issues
    .filter((i) => i.keyword !== 'if')
    .map((issue): FieldProblem => {
      const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
      const limit = issue.params.limit;
      const numeric = typeof limit === 'number' ? { limit } : {};
      switch (issue.keyword) {
        case 'required': {
          const missing =
            typeof issue.params.missingProperty === 'string' ? issue.params.missingProperty : '';
          return { field: path ? `${path}.${missing}` : missing, rule: 'blank' };
        }
        case 'additionalProperties':
          return {
            field: path
              ? `${path}.${String(issue.params.additionalProperty)}`
              : String(issue.params.additionalProperty),
            rule: 'unknown',
          };
        case 'type':
          return { field: path, rule: 'type', limit: String(issue.params.type) };
        case 'format':
          return { field: path, rule: 'format', limit: String(issue.params.format) };
        case 'enum':
          return { field: path, rule: 'enum' };
        case 'minLength':
          return Number(limit) <= 1
            ? { field: path, rule: 'blank' }
            : { field: path, rule: 'minLength', ...numeric };
        case 'maxLength':
        case 'minItems':
          return { field: path, rule: issue.keyword, ...numeric };
        case 'minimum':
        case 'exclusiveMinimum':
          return { field: path, rule: 'min', ...numeric };
        case 'maximum':
        case 'exclusiveMaximum':
          return { field: path, rule: 'max', ...numeric };
        default:
          return { field: path, rule: 'invalid' };
      }
    });
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.field}\u0000${p.rule}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
