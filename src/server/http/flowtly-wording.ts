import { CONSTRAINT, type Params, type Violation } from '../shared/domain-error.ts';

/** Symfony's File constraint codes, for the document upload's refusals. */
const FILE_CONSTRAINT = {
  tooLarge: 'df8637af-d466-48c6-a59d-e7126250a654',
  invalidType: '744f00bc-4389-4c74-92de-9a43cde55534',
  missing: 'ad32d13f-c3d4-423b-909a-857b961eb720',
  empty: '5d743385-9775-4aa5-8ff5-495fb1e60137',
} as const;

interface Wording {
  /** The property the violation names. */
  field: string | ((params: Params) => string);
  message: string | ((params: Params) => string);
  constraint: string;
}

const text = (params: Params, key: string) => String(params[key] ?? '');

/**
 * How the Flowtly door words the core's stable codes: as API Platform's violations, with the
 * property, the sentence and the Symfony constraint code a Flowtly client expects. The core
 * says what went wrong (a code and its figures); the wording is this door's alone.
 */
const FLOWTLY_WORDING: Readonly<Record<string, Wording>> = {
  // API Platform's IriConverter, for an IRI that names nothing.
  item_not_found: {
    field: '',
    message: (p) => `Item not found for "${text(p, 'reference')}".`,
    constraint: CONSTRAINT.invalid,
  },
  // Symfony's AccessDeniedException, whatever the reason (the reason is not the client's).
  forbidden: { field: '', message: 'Access Denied.', constraint: CONSTRAINT.invalid },
  // Flowtly's word for a person is "employee"; the sentence names no single property.
  person_not_found: {
    field: '',
    message: 'Employee must exist',
    constraint: CONSTRAINT.invalid,
  },
  email_taken: {
    field: 'email',
    message: 'This value is already used.',
    constraint: CONSTRAINT.unique,
  },
  password_too_short: {
    field: 'password',
    message: (p) => `This value is too short. It should have ${text(p, 'min')} characters or more.`,
    constraint: CONSTRAINT.length,
  },
  password_required: {
    field: 'password',
    message: 'This value should not be blank: choose a password, or sign in and accept.',
    constraint: CONSTRAINT.notBlank,
  },
  person_has_login: {
    field: 'user',
    message: 'This employee already has a user.',
    constraint: CONSTRAINT.invalid,
  },
  login_keeps_password: {
    field: 'password',
    message:
      'A login with this email already exists and keeps its own password; grant without a password to invite its owner.',
    constraint: CONSTRAINT.invalid,
  },
  cannot_remove_own_login: {
    field: 'user',
    message: 'You cannot remove your own user.',
    constraint: CONSTRAINT.invalid,
  },
  file_missing: {
    field: 'file',
    message: 'Please upload a file.',
    constraint: FILE_CONSTRAINT.missing,
  },
  file_too_large: {
    field: 'file',
    message: (p) => `The file is too large. Allowed maximum size is ${text(p, 'maxMiB')} MiB.`,
    constraint: FILE_CONSTRAINT.tooLarge,
  },
  file_empty: {
    field: 'file',
    message: 'An empty file is not allowed.',
    constraint: FILE_CONSTRAINT.empty,
  },
  file_type_not_allowed: {
    field: 'file',
    message: (p) =>
      `The mime type of the file is invalid ("${text(p, 'type')}"). Allowed mime types are "${text(p, 'allowed').split(',').join('", "')}".`,
    constraint: FILE_CONSTRAINT.invalidType,
  },
  rate_project_inactive: {
    field: 'project',
    message: 'Rates can only be added to active projects.',
    constraint: CONSTRAINT.invalid,
  },
  rate_ends_before_start: {
    field: 'dateTo',
    message: 'This value should be greater than or equal to dateFrom.',
    constraint: CONSTRAINT.range,
  },
  rate_period_overlaps: {
    field: 'dateFrom',
    message: (p) =>
      `This period overlaps the rate for this project from ${text(p, 'from')} to ${text(p, 'to') || 'open end'}.`,
    constraint: CONSTRAINT.invalid,
  },
  rate_field_required: {
    field: (p) => text(p, 'field'),
    message: 'This value should not be null.',
    constraint: CONSTRAINT.notNull,
  },
};

/** LexikJWT's words for each refused credential, which Flowtly clients show. */
const LEXIK_MESSAGE: Readonly<Record<string, string>> = {
  missing_token: 'JWT Token not found',
  bad_credentials: 'Invalid credentials.',
  expired_jwt: 'Expired JWT Token',
  expired_token: 'Expired JWT Token',
};

/** A refused credential as LexikJWT words it on the Flowtly door. */
export const lexikMessageOf = (reason: string): string =>
  LEXIK_MESSAGE[reason] ?? 'Invalid JWT Token';

/** The violation a coded refusal is on the Flowtly door, or undefined for a code it does not word. */
export function flowtlyViolationOf(code: string, params: Params): Violation | undefined {
  const wording = FLOWTLY_WORDING[code];
  if (!wording) return undefined;
  return {
    propertyPath: typeof wording.field === 'function' ? wording.field(params) : wording.field,
    message: typeof wording.message === 'function' ? wording.message(params) : wording.message,
    code: wording.constraint,
  };
}
