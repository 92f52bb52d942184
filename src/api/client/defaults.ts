/** Defaults the CLI shows in --help without loading the client. */
export const DEFAULT_SOCKET = '/run/vpp/api.sock';
export const DEFAULT_TIMEOUT_MS = 10_000;
