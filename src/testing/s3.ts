import { S3ObjectNotMockedError } from './errors';

/** An object held by a `LocalS3`. */
export interface LocalS3Object {
  /** The bucket, as the definition names it (a name, or a placeholder such as `${Ref:DataBucket}`); `*` matches any bucket. */
  readonly bucket: string;
  /** The object key. */
  readonly key: string;
  /** The object's contents. */
  readonly body: Buffer;
  /** When it was put: ISO 8601. */
  readonly lastModified: string;
}

/**
 * The S3 objects a local run reads (Distributed Map item readers) and writes (result writers).
 * Nothing reaches AWS. Objects put without a bucket match any bucket, so a test need not know
 * how the bucket name renders (`${Ref:DataBucket}`):
 *
 * ```ts
 * const s3 = new LocalS3().putObject('in/items.jsonl', '{"id":1}\n{"id":2}\n');
 * const run = await local.run({ s3, mocks: { Handle: TaskMock.result({ ok: true }) } });
 * s3.writtenObjects();   // the result writer's manifest.json and SUCCEEDED_0.json, ...
 * ```
 */
export class LocalS3 {
  private readonly objects = new Map<string, LocalS3Object>();
  private readonly written: LocalS3Object[] = [];

  /**
   * Adds an object (or replaces it).
   *
   * @param key the object key
   * @param body its contents: text, bytes, or any JSON value (stored as JSON text)
   * @param bucket the bucket as the definition names it; leave unset to match any bucket
   */
  public putObject(key: string, body: string | Buffer | Uint8Array | object, bucket = '*'): LocalS3 {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8')
      : body instanceof Uint8Array ? Buffer.from(body)
        : Buffer.from(JSON.stringify(body), 'utf8');
    this.objects.set(`${bucket}\u0000${key}`, { bucket, key, body: bytes, lastModified: new Date(0).toISOString() });
    return this;
  }

  /** @internal the object a reader reads; SW807 when it is not there */
  public _get(bucket: string, key: string, stateName: string): Buffer {
    const o = this.objects.get(`${bucket}\u0000${key}`) ?? this.objects.get(`*\u0000${key}`);
    if (!o) {
      throw new S3ObjectNotMockedError(stateName, bucket, key, this.keys());
    }
    return o.body;
  }

  /** @internal the objects under a prefix, in key order (as ListObjectsV2 returns them) */
  public _list(bucket: string, prefix: string): LocalS3Object[] {
    return [...this.objects.values()]
      .filter((o) => (o.bucket === bucket || o.bucket === '*') && o.key.startsWith(prefix))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** @internal a result writer's write */
  public _write(bucket: string, key: string, body: string): void {
    const o = { bucket, key, body: Buffer.from(body, 'utf8'), lastModified: new Date(0).toISOString() };
    this.written.push(o);
    this.objects.set(`${bucket}\u0000${key}`, o);
  }

  /** The objects result writers wrote, in the order written. */
  public writtenObjects(): LocalS3Object[] {
    return [...this.written];
  }

  /** A written (or put) object's text; undefined when there is none with that key. */
  public text(key: string): string | undefined {
    const o = [...this.objects.values()].find((x) => x.key === key);
    return o?.body.toString('utf8');
  }

  /** Every key held, for messages. */
  public keys(): string[] {
    return [...this.objects.values()].map((o) => (o.bucket === '*' ? o.key : `${o.bucket}/${o.key}`));
  }
}
