/** The little of `ws` (Miniflare's WebSocket client) that `profile.ts` uses to talk to V8's inspector. */
declare module 'ws' {
  export default class WebSocket {
    constructor(url: string);
    on(event: 'message', listener: (data: Buffer) => void): this;
    once(event: 'open', listener: () => void): this;
    send(data: string): void;
    close(): void;
  }
}
