import { openDatabase } from '../packages/db/src/index';
import * as repo from '../apps/api/src/modules/customers/customers.repository';
const d = await openDatabase({ dataDir: 'memory://' });
const t = '00000000-0000-0000-0000-000000000000';
console.log(repo.findCustomerPage(d.db, t, { limit: 5, after: { createdAt: '2024-01-01T00:00:00.000000Z', id: t } }).toSQL().sql);
console.log(repo.findByPhoneExact(d.db, t, '+86', 5).toSQL().sql);
await d.close();
