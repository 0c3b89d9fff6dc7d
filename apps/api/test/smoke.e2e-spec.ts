import { startTestApp, TestApp, expectOk } from './harness/test-app';
import { Role } from '@mkt/auth';

describe('smoke', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers regions', async () => {
    const token = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'] });
    const data = expectOk(await app.gql('{ regions { code pdus { code } } }', {}, token));
    expect(data.regions).toHaveLength(12);
  });
});
