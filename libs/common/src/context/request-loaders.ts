import DataLoader from 'dataloader';

/**
 * DataLoaders live for one request. Modules ask for theirs by key so that the GraphQL context does
 * not need to know every module (organisations, contracts, ...) in advance.
 */
export class RequestLoaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(key: string, create: () => DataLoader<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = create();
      this.loaders.set(key, loader);
    }
    return loader as DataLoader<K, V>;
  }
}
