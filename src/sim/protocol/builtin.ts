/**
 * What the server answers itself, as VPP's memclnt and vpe do: the socket handshake
 * (sockclnt_create with the message table), control_ping, sockclnt_delete, show_version and
 * get_api_json.
 */
import type { ApiDefinitions } from '../../api/definitions/index.js';
import type { ApiMessage } from '../../api/types.js';
import type { SimHandler } from '../types.js';
import type { ServerSideClient } from './client.js';
import type { SimMessageTable } from './table.js';

const FIRST_CLIENT_INDEX = 0x80000001;

export class BuiltinHandlers {
  private nextClientIndex = FIRST_CLIENT_INDEX;
  private apiJson: string | null = null;

  constructor(
    private readonly definitions: ApiDefinitions,
    /** show_version's `version`. */
    private readonly version: string,
    private readonly table: () => SimMessageTable,
  ) {}

  /** sockclnt_create: the client's index and the whole message table. */
  handshake(client: ServerSideClient, msg: ApiMessage): void {
    client.register(this.nextClientIndex++, String(msg.name ?? ''));
    const entries = this.table().entries;
    client.sendMessage('sockclnt_create_reply', {
      client_index: 0,
      context: msg.context ?? 0,
      response: 0,
      index: client.index,
      count: entries.length,
      message_table: entries,
    });
  }

  /** Answers the connection's own requests; false for any other. */
  control(client: ServerSideClient, name: string, context: number): boolean {
    switch (name) {
      case 'control_ping':
        client.sendPingReply(context);
        return true;
      case 'sockclnt_delete':
        client.sendMessage('sockclnt_delete_reply', { context, response: 0 });
        client.goodbye();
        return true;
      default:
        return false;
    }
  }

  /** The handler of a request the model leaves to the server. */
  handler(name: string): SimHandler | undefined {
    switch (name) {
      case 'show_version':
        return () => ({
          reply: {
            fields: { retval: 0, program: 'vpe', version: this.version, build_date: '', build_directory: '' },
          },
        });
      case 'get_api_json':
        return () => {
          this.apiJson ??= this.definitions.toApiJson();
          return { reply: { fields: { retval: 0, json: this.apiJson } } };
        };
      default:
        return undefined;
    }
  }
}
