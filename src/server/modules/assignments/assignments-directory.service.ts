import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-types.ts';
import {
  deleteTaskAssignmentsOfTask,
  deleteUserAssignmentsOfPerson,
} from './assignments.repository.ts';

/**
 * What the modules the assignments service is itself built on (tasks, people) ask of
 * assignments: that a task or person they delete leaves its projects. Each call runs in the
 * caller's unit of work; the directory has no dependency of its own, so no construction cycle
 * arises and no other module writes the assignment tables.
 */
export interface AssignmentsDirectory {
  /** A deleted task leaves every project it was on. */
  removeTaskIn: (tx: Kysely<Database>, taskId: number) => Promise<void>;
  /** A deleted person leaves every project they were on. */
  removePersonIn: (tx: Kysely<Database>, userId: number) => Promise<void>;
}

export function createAssignmentsDirectory(): AssignmentsDirectory {
  return {
    removeTaskIn: (tx, taskId) => deleteTaskAssignmentsOfTask(tx, taskId),
    removePersonIn: (tx, userId) => deleteUserAssignmentsOfPerson(tx, userId),
  };
}
