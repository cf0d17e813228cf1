import { schema } from '@manyi/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedTenant, type TenantFixture, type TestApp } from '../../test/harness';

let t: TestApp;
let acme: TenantFixture;
let other: TenantFixture;
let ticketId: string;

// A valid 1×1 PNG.
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

function multipart(fileName: string, contentType: string, data: Buffer) {
  const boundary = '----manyitest7MA4YWxkTrZu0gW';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, data, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function upload(
  fileName: string,
  contentType: string,
  data: Buffer,
  headers = acme.as('agent'),
  id = ticketId,
) {
  const body = multipart(fileName, contentType, data);
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/tickets/${id}/attachments`,
    headers: { ...headers, ...body.headers },
    payload: body.payload,
  });
}

beforeAll(async () => {
  t = await createTestApp({ attachmentMaxBytes: 64 * 1024 });
  acme = await seedTenant(t.database, 'acme');
  other = await seedTenant(t.database, 'other');
  const [c] = await t.database.db
    .insert(schema.customers)
    .values({ tenantId: acme.tenantId, name: '刘洋', searchText: '刘洋' })
    .returning({ id: schema.customers.id });
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/tickets',
    headers: acme.as('agent'),
    payload: { type: 'repair', description: '冰箱不制冷，附故障照片', customerId: c!.id },
  });
  ticketId = r.json().id;
});
afterAll(() => t.close());

describe('attachments', () => {
  it('stores a photo, lists it, serves it back byte for byte and puts it on the timeline', async () => {
    const r = await upload('故障照片.png', 'image/png', png);
    expect(r.statusCode).toBe(201);
    const a = r.json();
    expect(a).toMatchObject({ fileName: '故障照片.png', contentType: 'image/png', sizeBytes: png.length });
    const list = (
      await t.app.inject({ url: `/api/v1/tickets/${ticketId}/attachments`, headers: acme.as('agent') })
    ).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([a.id]);
    const content = await t.app.inject({
      url: `/api/v1/attachments/${a.id}/content`,
      headers: acme.as('agent'),
    });
    expect(content.statusCode).toBe(200);
    expect(content.headers['content-type']).toBe('image/png');
    expect(content.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(content.rawPayload, png)).toBe(0);
    const timeline = (
      await t.app.inject({ url: `/api/v1/tickets/${ticketId}/timeline`, headers: acme.as('agent') })
    ).json();
    expect(timeline.items.at(-1)).toMatchObject({ kind: 'attachment_added', data: { attachmentId: a.id } });
  });

  it('judges the type by the bytes, not the declared type', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]);
    const r = await upload('photo.png', 'image/png', exe);
    expect(r.statusCode).toBe(415);
    expect(r.json().error.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    const html = await upload('x.html', 'text/html', Buffer.from('<script>alert(1)</script>'));
    expect(html.statusCode).toBe(415);
    const text = await upload('通话记录.txt', 'text/plain', Buffer.from('客户说明：空调外机异响'));
    expect(text.statusCode).toBe(201);
    expect(text.json().contentType).toBe('text/plain');
  });

  it('refuses files over the size limit and empty or missing files, storing nothing', async () => {
    const before = await t.database.db.$count(schema.attachments);
    const big = Buffer.concat([png, Buffer.alloc(80 * 1024)]);
    const r = await upload('big.png', 'image/png', big);
    expect(r.statusCode).toBe(413);
    expect(r.json().error.code).toBe('ATTACHMENT_TOO_LARGE');
    const empty = await upload('empty.png', 'image/png', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    const notMultipart = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticketId}/attachments`,
      headers: acme.as('agent'),
      payload: { file: 'x' },
    });
    expect(notMultipart.statusCode).toBe(400);
    expect(await t.database.db.$count(schema.attachments)).toBe(before);
  });

  it('keeps attachments inside the tenant and the ticket visibility', async () => {
    const a = (await upload('p.png', 'image/png', png)).json();
    const cross = await t.app.inject({
      url: `/api/v1/attachments/${a.id}/content`,
      headers: other.as('admin'),
    });
    expect(cross.statusCode).toBe(404);
    const tech = await t.app.inject({
      url: `/api/v1/attachments/${a.id}/content`,
      headers: acme.as('technician'),
    });
    expect(tech.statusCode).toBe(404);
    const crossUpload = await upload('p.png', 'image/png', png, other.as('agent'));
    expect(crossUpload.statusCode).toBe(404);
  });

  it('uploads once per Idempotency-Key', async () => {
    const before = await t.database.db.$count(schema.attachments);
    const headers = { ...acme.as('agent'), 'idempotency-key': 'upload-0001-abc' };
    const first = await upload('again.png', 'image/png', png, headers);
    const second = await upload('again.png', 'image/png', png, headers);
    expect(second.json().id).toBe(first.json().id);
    expect(await t.database.db.$count(schema.attachments)).toBe(before + 1);
  });
});
