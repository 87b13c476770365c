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
    ['/x?access%5Ftoken=abc&a=1', '/x?access%5Ftoken=[redacted]&a=1'],
    ['/x?%61ccess_token=abc', '/x?%61ccess_token=[redacted]'],
    ['/x?access_token[]=abc', '/x?access_token[]=[redacted]'],
    ['/x?access_token', '/x?access_token=[redacted]'],
    ['/x?bad=%E0%A4%A', '/x?bad=%E0%A4%A'],
  ])('%s -> %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});
