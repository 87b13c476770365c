/** Stable codes of the people module's refusals; each API words its own message. */
export const USER_ERRORS = {
  /** Someone in the account already has the e-mail. */
  emailTaken: 'email_taken',
  /** A time zone name neither IANA nor Harvest knows. */
  unknownTimeZone: 'unknown_time_zone',
  /** A default project that is not one of the account. */
  defaultProjectNotFound: 'invalid_project',
  /** An archived person's name or e-mail changed without restoring them. */
  archived: 'person_archived',
  /** Deleting the person one is signed in as. */
  cannotDeleteSelf: 'cannot_delete_self',
  /** A rate's or capacity's start date after today. */
  startDateInFuture: 'start_date_in_future',
  /** Teammates given to someone who is not a manager. */
  notAManager: 'not_a_manager',
  /** A teammate who is not a person of the account. */
  teammateNotFound: 'teammate_not_found',
  /** Access roles that do not go together. */
  invalidAccess: 'invalid_access_roles',
  /** A profile's name, time zone or language that cannot be taken. */
  invalidProfile: 'invalid_profile',
  /** Archiving or demoting the account's last active administrator. */
  lastAdministrator: 'last_administrator',
  /** Deleting a person who has tracked time (archive them instead). */
  notRemovable: 'user_not_removable',
  /** Manager permissions given without the access level they belong to. */
  accessLevelRequired: 'access_level_required',
  /** Access roles Harvest does not know (`roles`). */
  accessRolesUnknown: 'access_roles_unknown',
  /** Access roles without administrator, manager or member. */
  accessLevelMissing: 'access_level_missing',
  /** Access roles naming more than one level. */
  accessLevelsSeveral: 'access_levels_several',
  /** Manager permissions beside a level other than manager. */
  permissionsWithoutManager: 'permissions_without_manager',
  /** A language Punch does not speak (`locales`: the ones it does). */
  unknownLocale: 'unknown_locale',
} as const;
