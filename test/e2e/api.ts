import { randomUUID } from 'node:crypto';
import type { Input, Method, Output } from '../../shop/api/contract';
import type { PosyServer } from './fixtures';

/**
 * A second window onto the running app, from the test process: the same HTTP API the renderer uses,
 * with its own client id (so its sign-in is its own). Used to prepare data the way an owner would.
 */
export class ApiWindow {
  private readonly clientId = randomUUID();
  constructor(private readonly server: PosyServer) {}

  async call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
    const response = await fetch(new URL(`/api/${method}`, this.server.origin), {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${this.server.token}`,
        'X-Posy-Client': this.clientId,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(input),
    });
    const result = (await response.json()) as { ok: true; value: Output<M> } | { ok: false; error: unknown };
    if (!result.ok) throw new Error(`${method} refused: ${JSON.stringify(result.error)}`);
    return result.value;
  }

  async signIn(name: string, secret: string): Promise<void> {
    const users = await this.call('users.picker', {});
    const user = users.find((u) => u.name === name);
    if (!user) throw new Error(`no user named ${name} on the picker: ${users.map((u) => u.name).join(', ')}`);
    await this.call('users.signIn', { userId: user.id, secret });
  }
}
