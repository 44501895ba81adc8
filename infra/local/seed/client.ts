/** Seeding goes through the public API, as a council's staff would, so demo data obeys every rule. */
import type { Gateway } from '#infra/local/gateway.ts';
import type { LocalIdentity } from '#infra/local/tokens.ts';

export interface SeedApi {
  as(user: { sub: string; name: string; groups?: string[]; strong?: boolean }): Promise<SeedCaller>;
}

export type SeedCaller = <T = Record<string, unknown>>(method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<T>;

export const seedApi = (gateway: Gateway, identity: LocalIdentity): SeedApi => ({
  async as(user) {
    const { token } = await identity.mint({ ...user, groups: user.groups ?? [], strong: user.strong ?? false, expiresIn: 600 });
    return async <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
      const response = await gateway.handle({
        method,
        url: path,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
        body: Buffer.from(body === undefined ? '' : JSON.stringify(body)),
      });
      if (response.status >= 300) throw new Error(`seed: ${method} ${path} answered ${response.status}: ${response.body}`);
      return (response.body ? JSON.parse(response.body) : {}) as T;
    };
  },
});
