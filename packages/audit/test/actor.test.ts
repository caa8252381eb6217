import { randomUUID } from 'node:crypto';
import { CUSTOMER_ID_HEADER, STAFF_ROLE_HEADER } from '@pasar/contracts';
import { describe, expect, it } from 'vitest';
import { actorOf } from '../src/index.ts';

/** A request as the actor is read from it: its headers by lower-case name, as express's `req.get`. */
const requestWith = (headers: Record<string, string>) => ({ get: (name: string) => headers[name.toLowerCase()] });

describe('the actor of a staff action', () => {
  it.each(['staff', 'admin'] as const)('when the gateway passed on a %s token, then the actor is its holder in that role', (role) => {
    const id = randomUUID();

    expect(actorOf(requestWith({ [CUSTOMER_ID_HEADER]: id, [STAFF_ROLE_HEADER]: role }))).toEqual({ id, role });
  });

  it.each([
    ['no role', {}],
    ['a role that is none of staff and admin', { [STAFF_ROLE_HEADER]: 'owner' }],
    ['a role in another case', { [STAFF_ROLE_HEADER]: 'Admin' }],
  ])('when the request carries %s, then the role is unknown and the action is not refused', (_what, headers) => {
    const id = randomUUID();

    expect(actorOf(requestWith({ [CUSTOMER_ID_HEADER]: id, ...headers }))).toEqual({ id, role: 'unknown' });
  });

  it.each([
    ['names no one', {}],
    ['names someone by what is no id', { [CUSTOMER_ID_HEADER]: 'root' }],
  ])('when the request %s, then the actor has no id', (_what, headers) => {
    expect(actorOf(requestWith({ [STAFF_ROLE_HEADER]: 'staff', ...headers }))).toEqual({ id: null, role: 'staff' });
  });
});
