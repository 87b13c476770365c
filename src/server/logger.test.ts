import { describe, expect, it } from 'vitest';
import { redactUrl } from './logger.ts';

describe('redactUrl', () => {
  it.each([
    [
      '/v2/users/me?access_token=abc&account_id=1',
      '/v2/users/me?access_token=[redacted]&account_id=1',
    ],
    ['/x?account_id=1&ACCESS_TOKEN=abc', '/x?account_id=1&ACCESS_TOKEN=[redacted]'],
    ['/x?password=hunter2#frag', '/x?password=[redacted]#frag'],
    ['/x?my_access_token=keep', '/x?my_access_token=keep'],
    ['/v2/company', '/v2/company'],
  ])('%s -> %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});
