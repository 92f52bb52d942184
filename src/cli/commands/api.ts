import type { Command } from 'commander';
import { lazyAction } from '../lazy.js';
import { defineCall } from './call.js';
import type { RegisterCommand } from './index.js';

export const registerApi: RegisterCommand = (program: Command) => {
  const api = program
    .command('api')
    .description('explore VPP\u2019s binary API: list and describe messages, call one, stream events');

  api
    .command('list')
    .description(
      'the messages VPP offers (or --api-dir holds), with crc, status and agreement with local definitions',
    )
    .argument('[pattern]', 'name glob (sw_interface_*) or substring (bond)')
    .option('--requests', 'only requests (messages a client sends)')
    .option('--changed', 'only messages where local definitions and VPP disagree')
    .option('--json', 'as JSON')
    .addHelpText(
      'after',
      `
Connected to VPP (--socket), the list is VPP's message table; each message is compared with the
local definitions (--api-dir, else the declarations vppstate ships for VPP v26.10):
  same                      the same name and crc
  crc changed               both have it, with different crcs: the local definition is stale
  not in local definitions  VPP offers it, the local definitions do not have it
  absent from VPP           the local definitions have it, VPP does not (plugin not loaded?)
Status says deprecated or in progress, as the definitions mark it. Without a VPP to reach,
--api-dir is listed alone.

Examples:
  vppstate api list 'sw_interface_*'
  vppstate api list --changed --api-dir /usr/share/vpp/api`,
    )
    .action(lazyAction(() => import('./api.run.js').then((m) => ({ run: m.list }))));

  api
    .command('show')
    .description('one message (or type): its fields, types, defaults, reply, details, events')
    .argument('<name>', 'message or type name, e.g. sw_interface_set_flags, fib_path')
    .option('--json', 'the definition as JSON')
    .addHelpText(
      'after',
      `
Definitions come from --api-dir when given, else from the connected VPP.

Example:
  vppstate api show sw_interface_dump`,
    )
    .action(lazyAction(() => import('./api.run.js').then((m) => ({ run: m.show }))));

  defineCall(api, 'call', 'send one message and print the reply (every details message of a dump)');

  api
    .command('events')
    .description('subscribe (want_interface_events…) and print events as JSON lines until interrupted')
    .argument(
      '<names...>',
      'subscription requests (want_interface_events) or event names (sw_interface_event)',
    )
    .option('--count <n>', 'stop after this many events')
    .option('--show-secrets', 'print secrets instead of masking them')
    .addHelpText(
      'after',
      `
Each subscription is sent with enable_disable=true and this process's pid; Ctrl-C (or --count)
unsubscribes and exits. Each line is one event in VPP's trace shape, with "_ts" the time it came.

Example:
  vppstate api events want_interface_events`,
    )
    .action(lazyAction(() => import('./api.run.js').then((m) => ({ run: m.events }))));
};
