import { describe, expect, it } from 'vitest';
import { accessRoles, parseManagerPermissions, permissionsClaims } from './auth.rules.ts';

describe('accessRoles', () => {
  it('is the level alone for administrators and members, whatever is stored', () => {
    expect(accessRoles('administrator', ['project_creator'])).toEqual(['administrator']);
    expect(accessRoles('member', ['project_creator'])).toEqual(['member']);
  });

  it("lists a manager's rights after the level, in Harvest's order", () => {
    expect(accessRoles('manager', ['estimates_manager', 'project_creator'])).toEqual([
      'manager',
      'project_creator',
      'estimates_manager',
    ]);
  });
});

describe('parseManagerPermissions', () => {
  it('drops unknown words so stored junk never grants a right', () => {
    expect(parseManagerPermissions('project_creator, superuser,,client_and_task_manager')).toEqual([
      'project_creator',
      'client_and_task_manager',
    ]);
    expect(parseManagerPermissions('')).toEqual([]);
  });
});

describe('permissionsClaims', () => {
  it('gives members their own timers and expenses only', () => {
    expect(permissionsClaims('member', [])).toEqual([
      'expenses:read:own',
      'expenses:write:own',
      'timers:read:own',
      'timers:write:own',
    ]);
  });

  it('gives a plain manager the baseline Harvest returns for managers', () => {
    expect(permissionsClaims('manager', [])).toEqual([
      'expenses:read:managed',
      'expenses:write:own',
      'projects:read:managed',
      'timers:read:managed',
      'timers:write:own',
    ]);
  });

  it('adds client and task rights to a manager who holds client_and_task_manager', () => {
    const claims = permissionsClaims('manager', ['client_and_task_manager']);
    expect(claims).toEqual(expect.arrayContaining(['clients:write:all', 'tasks:write:all']));
    expect(claims).not.toContain('users:write:all');
  });

  it('gives administrators every :all claim, cost rates included', () => {
    const claims = permissionsClaims('administrator', []);
    expect(claims).toHaveLength(24);
    expect(claims).toEqual(expect.arrayContaining(['cost_rates:read:all', 'users:write:all']));
  });
});
