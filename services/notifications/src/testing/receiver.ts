import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** HANG: never answers, so the sender's timeout is what ends the request. */
export type Answer = number | 'HANG';

/**
 * A real webhook receiver on a loopback port: records every request and
 * answers the next queued status (200 once the queue is empty).
 */
export async function startReceiver(): Promise<{
  url: string;
  received: Received[];
  answer: (...answers: Answer[]) => void;
  close: () => Promise<void>;
}> {
  const received: Received[] = [];
  const answers: Answer[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ method: req.method ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const answer = answers.shift() ?? 200;
      if (answer !== 'HANG') res.writeHead(answer, { 'content-type': 'application/json' }).end('{"echo":"not to be read"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`,
    received,
    answer: (...more) => answers.push(...more),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
