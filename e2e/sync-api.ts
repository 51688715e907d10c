import { APIRequestContext, expect } from '@playwright/test';

/** Talks to the sync API as another device of the same signed-in user (shares the cookies). */

export type Pulled = { seq: number; conflict: boolean; change: any };

export async function pullAll(request: APIRequestContext): Promise<Pulled[]> {
  const all: Pulled[] = [];
  let since = 0;
  for (;;) {
    const r = await request.get(`/api/sync/pull?since=${since}`);
    expect(r.status()).toBe(200);
    const page = await r.json();
    all.push(...page.changes);
    since = page.cursor;
    if (!page.more) return all;
  }
}

/** The current value of every case field, as the server's log says (applied changes, in order). */
export function caseFields(pulled: Pulled[]): Map<string, Record<string, unknown>> {
  const cases = new Map<string, Record<string, unknown>>();
  for (const p of pulled) {
    if (p.conflict || p.change.entity !== 'case') continue;
    const fields = cases.get(p.change.case_id) ?? {};
    fields[p.change.field] = p.change.value;
    cases.set(p.change.case_id, fields);
  }
  return cases;
}

export function hlcNow(node: string): string {
  return `${String(Date.now()).padStart(15, '0')}-000000-${node}`;
}

export function uuid(): string {
  return crypto.randomUUID();
}
