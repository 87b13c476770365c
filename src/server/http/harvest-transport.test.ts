import { describe, expect, it } from 'vitest';
import { isHarvestPath, rewriteHarvestUrl } from './harvest-transport.ts';

describe('rewriteHarvestUrl', () => {
  it.each([
    ['/v2/users/me', '/v2/users/me'],
    ['/api/v2/users/me', '/v2/users/me'],
    ['/v2/users/me/', '/v2/users/me'],
    ['/v2/users/me.json', '/v2/users/me'],
    ['/api/v2/users/me.json', '/v2/users/me'],
    ['/v2/time_entries/?from=2024-01-01', '/v2/time_entries?from=2024-01-01'],
    ['/v2/users/me/project_assignments.json?page=2', '/v2/users/me/project_assignments?page=2'],
    ['/api/v2', '/v2'],
    ['/v2/', '/v2'],
    ['/v2/x?q=a/b.json', '/v2/x?q=a/b.json'],
  ])('%s -> %s', (input, output) => {
    expect(rewriteHarvestUrl(input)).toBe(output);
  });

  it.each(['/health', '/api/employees/1', '/api/work-times.json', '/docs/', '/v20/x', '/apiv2/x'])(
    'leaves %s to other APIs',
    (url) => {
      expect(rewriteHarvestUrl(url)).toBe(url);
    },
  );
});

describe('isHarvestPath', () => {
  it.each([
    ['/v2', true],
    ['/v2/users', true],
    ['/v2?x=1', true],
    ['/v20', false],
    ['/api/v2/users', false],
    ['/health', false],
  ])('%s -> %s', (url, expected) => {
    expect(isHarvestPath(url)).toBe(expected);
  });
});
