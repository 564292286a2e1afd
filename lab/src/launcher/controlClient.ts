import { connect } from 'node:net';
import { MilliError } from '@milli/core';
import type { ControlReply, ControlRequest } from '../host/controlProtocol';

/** Sends one request to a running lab host and returns its reply; a lab that is not running is a LAB_STATE error. */
export function sendControl(socketPath: string, request: ControlRequest, timeoutMs = 30_000): Promise<ControlReply> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    let buffered = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new MilliError('LAB_STATE', `the lab host did not answer '${request.op}' within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('connect', () => socket.write(`${JSON.stringify(request)}\n`));
    socket.on('data', (chunk) => {
      buffered += String(chunk);
      const newline = buffered.indexOf('\n');
      if (newline >= 0) {
        clearTimeout(timer);
        socket.end();
        resolve(JSON.parse(buffered.slice(0, newline)) as ControlReply);
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(
        new MilliError('LAB_STATE', `no lab is running here (${socketPath}: ${error.message}); start one with 'milli lab up'`, {
          socketPath,
        }),
      );
    });
  });
}
