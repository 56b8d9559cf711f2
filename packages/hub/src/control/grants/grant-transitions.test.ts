import { describe, expect, it } from 'vitest';
import { memberCode } from '../ids.ts';
import type { Principal } from '../principal.ts';
import { mayPerformGrantAction, maySeeGrant, nextGrantState, type GrantAction, type GrantState } from './grant-transitions.ts';

const STATES: GrantState[] = ['requested', 'approved', 'active', 'rejected', 'revoked'];
const ACTIONS: GrantAction[] = ['approve', 'reject', 'activate', 'revoke'];

describe('grant lifecycle', () => {
  it('allows exactly the documented transitions', () => {
    const table = Object.fromEntries(STATES.map((s) => [s, Object.fromEntries(ACTIONS.map((a) => [a, nextGrantState(s, a) ?? null]))]));
    expect(table).toEqual({
      requested: { approve: 'approved', reject: 'rejected', activate: null, revoke: 'revoked' },
      approved: { approve: null, reject: 'rejected', activate: 'active', revoke: 'revoked' },
      active: { approve: null, reject: null, activate: null, revoke: 'revoked' },
      rejected: { approve: null, reject: null, activate: null, revoke: null },
      revoked: { approve: null, reject: null, activate: null, revoke: null },
    });
  });

  it('gives each role exactly its powers', () => {
    const parties = { consumerMember: 'BTC', providerMember: 'BCA' };
    const who: Record<string, Principal> = {
      operator: { username: 'op', role: 'operator', member: null },
      provider: { username: 'p', role: 'provider_admin', member: memberCode('BCA') },
      otherProvider: { username: 'p2', role: 'provider_admin', member: memberCode('BYT') },
      consumer: { username: 'c', role: 'consumer_admin', member: memberCode('BTC') },
      consumerAsProviderAdmin: { username: 'c2', role: 'provider_admin', member: memberCode('BTC') },
      otherConsumer: { username: 'c3', role: 'consumer_admin', member: memberCode('BYT') },
    };
    const powers = Object.fromEntries(Object.entries(who).map(([k, p]) => [k, ACTIONS.filter((a) => mayPerformGrantAction(p, a, parties))]));
    expect(powers).toEqual({
      operator: ['approve', 'reject', 'activate', 'revoke'],
      provider: ['approve', 'reject', 'revoke'],
      otherProvider: [],
      consumer: ['revoke'],
      consumerAsProviderAdmin: [],
      otherConsumer: [],
    });
    expect(Object.fromEntries(Object.entries(who).map(([k, p]) => [k, maySeeGrant(p, parties)]))).toEqual({
      operator: true, provider: true, otherProvider: false, consumer: true, consumerAsProviderAdmin: true, otherConsumer: false,
    });
  });
});
