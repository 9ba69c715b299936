import { describe, expect, it } from 'vitest';
import { malformedPath } from '@/lib/request-target';

describe('malformedPath (TRUST V1: a bad escape gets a 400, not a 500)', () => {
  it.each(['/resident/applications/%', '/a/%E0%A4%A', '/api/uploads/%FF%FE', '/x/%u0041', '/x/%ED%BF%BF', '/x/%C0%AF', '/%%32%65', '/x/%G0'])('refuses %s', (t) => {
    expect(malformedPath(t)).toBe(true);
  });
  it.each(['/', '/resident', '/x/%E4%B8%AD%E6%96%87', '/x/%20y', '/notice?x=%', '/notice?x=%FF', '/a#%', undefined])('lets %s through (the query string is the page’s own business)', (t) => {
    expect(malformedPath(t)).toBe(false);
  });
});
