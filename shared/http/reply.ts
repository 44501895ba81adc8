/** What a route handler answers, before it becomes an API Gateway v2 result. */

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Defaults to application/json; a string body with another type is sent as is. */
  contentType?: string;
}

/** The ETag of a staff-edited resource: its version. */
export const etag = (version: number): Record<string, string> => ({ ETag: `"${version}"` });

/** 200 with the body. */
export const ok = (body: unknown, headers: Record<string, string> = {}): Reply => ({ status: 200, body, headers });

/** 200 with a versioned resource and its ETag. */
export const versioned = (body: { version: number }): Reply => ok(body, etag(body.version));

/** 201 with the created resource, its Location and (when versioned) its ETag. */
export const created = (body: unknown, location: string, version?: number): Reply => ({
  status: 201,
  body,
  headers: { Location: location, ...(version === undefined ? {} : etag(version)) },
});

export const accepted = (body: unknown): Reply => ({ status: 202, body });
export const noContent = (): Reply => ({ status: 204 });
