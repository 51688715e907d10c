import { test, expect, demo } from '../fixtures';

async function signedIn(request: import('@playwright/test').APIRequestContext) {
  const r = await request.post('/api/auth/sign-in', {
    data: { username: demo.worker.username, password: demo.worker.password },
  });
  expect(r.status()).toBe(200);
}

test('a malformed push gets a 400 JSON error and changes nothing', async ({ request }) => {
  await signedIn(request);
  const before = await (await request.get('/api/sync/pull?since=0')).json();
  const r = await request.post('/api/sync/push', {
    headers: { 'content-type': 'application/json' },
    data: '{"device_id": "not-a-uuid", "changes": [',
  });
  expect(r.status()).toBe(400);
  const body = await r.json();
  expect(body.error.code).toBe('bad_request');
  expect(typeof body.error.message).toBe('string');
  const after = await (await request.get('/api/sync/pull?since=0')).json();
  expect(after.cursor).toBe(before.cursor);
});

test('a case pushed directly with a birth date in the future is refused with the reason', async ({ request }) => {
  await signedIn(request);
  const id = '01900000-0000-7000-8000-0000000000aa';
  const r = await request.post('/api/sync/push', {
    data: {
      device_id: '01900000-0000-7000-8000-0000000000ab',
      changes: [
        {
          change_id: '01900000-0000-7000-8000-0000000000ac',
          device_id: '01900000-0000-7000-8000-0000000000ab',
          user: demo.worker.username,
          case_id: id,
          entity: 'case',
          entity_id: id,
          field: 'date_of_birth',
          value: '2999-01-01',
          hlc: '000001700000000-000000-e2e',
          base: 0,
        },
      ],
    },
  });
  expect(r.status()).toBe(200);
  const body = await r.json();
  expect(body.results[0].outcome).toBe('rejected');
  expect(body.results[0].reason).toBe('The date of birth cannot be in the future.');
});

test('the API refuses a request without a session with a typed JSON error', async ({ request }) => {
  const r = await request.get('/api/sync/pull?since=0');
  expect(r.status()).toBe(401);
  expect((await r.json()).error.code).toBe('unauthenticated');
});
