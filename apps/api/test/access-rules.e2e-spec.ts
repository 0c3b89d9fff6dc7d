import { ModulesContainer } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { ACCESS_RULE } from '@mkt/auth';
import { startTestApp, TestApp } from './harness/test-app';

const RESOLVER_TYPE = 'graphql:resolver_type';
const RESOLVER_NAME = 'graphql:resolver_name';
const RESOLVE_FIELD = 'graphql:resolve_property';

/**
 * Every query, mutation and field resolver declares who may call it. This walks every resolver
 * class Nest knows and the generated schema, and fails on anything without an access rule.
 */
describe('access rules', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('declares an access rule on every resolver method and covers every operation', () => {
    const declared = new Map<string, unknown>();
    const missing: string[] = [];
    let fieldResolvers = 0;
    for (const module of app.nest.get(ModulesContainer).values()) {
      for (const wrapper of module.providers.values()) {
        const instance = wrapper.instance as object | undefined;
        if (!instance || !wrapper.metatype) continue;
        const proto = Object.getPrototypeOf(instance) as object;
        for (const key of Object.getOwnPropertyNames(proto)) {
          const method: unknown = Object.getOwnPropertyDescriptor(proto, key)?.value;
          if (key === 'constructor' || typeof method !== 'function') continue;
          const kind =
            (Reflect.getMetadata(RESOLVER_TYPE, method) as string | undefined) ??
            (Reflect.getMetadata(RESOLVE_FIELD, method) ? 'ResolveField' : undefined);
          if (!kind) continue;
          if (kind === 'ResolveField') fieldResolvers += 1;
          const name = (Reflect.getMetadata(RESOLVER_NAME, method) as string | undefined) ?? key;
          const rule = Reflect.getMetadata(ACCESS_RULE, method);
          const label = `${wrapper.metatype.name}.${key} (${kind} ${name})`;
          if (!rule) missing.push(label);
          if (kind === 'Query' || kind === 'Mutation') declared.set(`${kind}.${name}`, rule);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(fieldResolvers).toBeGreaterThan(0);

    const schema = app.nest.get(GraphQLSchemaHost).schema;
    const operations = [
      ...Object.keys(schema.getQueryType()?.getFields() ?? {}).map((f) => `Query.${f}`),
      ...Object.keys(schema.getMutationType()?.getFields() ?? {}).map((f) => `Mutation.${f}`),
    ];
    expect(operations.length).toBeGreaterThan(10);
    const uncovered = operations.filter((op) => !declared.get(op));
    expect(uncovered).toEqual([]);
  });
});
