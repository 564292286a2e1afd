import { isMilliError } from '@milli/core';
import type { StepRecord, StepRecorder } from '../contract/applier';
import { DriverError, type DriverErrorCode } from '../contract/DriverError';
import type { RpcResult } from '../contract/netconf';

/**
 * The shared "send and record" of every applier step: runs the RPC, records the outcome, and turns an rpc-error
 * reply into a DriverError carrying device, rpc, message-id, error-tag and the device's error-path.
 */
export async function rpcStep(
  device: string,
  step: StepRecord['step'],
  send: () => Promise<RpcResult>,
  record: StepRecorder,
  failureCode: DriverErrorCode = 'DRIVER_DEVICE',
): Promise<RpcResult> {
  const started = Date.now();
  let result: RpcResult;
  try {
    result = await send();
  } catch (error) {
    // No reply at all (timeout, session closed, transport failure): recorded, and typed with the device.
    const failure = transportError(device, step, error);
    record({
      device,
      step,
      rpc: String(failure.context.rpc ?? step),
      ...(failure.context.messageId ? { messageId: String(failure.context.messageId) } : {}),
      ok: false,
      errorMessage: failure.message,
      at: started,
      durationMs: Date.now() - started,
    });
    throw failure;
  }
  const first = result.errors[0];
  record({
    device,
    step,
    rpc: result.rpc,
    messageId: result.messageId,
    ok: result.ok,
    ...(first?.errorTag ? { errorTag: first.errorTag } : {}),
    ...(first?.errorMessage ? { errorMessage: first.errorMessage } : {}),
    at: started,
    durationMs: Date.now() - started,
  });
  if (!result.ok) throw rpcError(device, result, failureCode);
  return result;
}

/** A send that got no reply becomes DRIVER_UNREACHABLE (retryable), keeping the transport error's rpc and message-id. */
export function transportError(device: string, what: string, error: unknown): DriverError {
  if (error instanceof DriverError) return error;
  const context = isMilliError(error) ? error.context : {};
  const rpc = typeof context.rpc === 'string' ? context.rpc : what;
  const messageId = context.messageId;
  return new DriverError(
    'DRIVER_UNREACHABLE',
    `${device}: ${rpc} got no reply: ${(error as Error)?.message ?? String(error)}`,
    {
      device,
      rpc,
      ...(messageId !== undefined ? { messageId: String(messageId) } : {}),
      ...(isMilliError(error) ? { causeCode: error.code } : {}),
    },
    { cause: error },
  );
}

export function rpcError(device: string, result: RpcResult, code: DriverErrorCode = 'DRIVER_DEVICE'): DriverError {
  const first = result.errors[0];
  const what = first?.errorMessage ?? first?.errorTag ?? 'rpc-error';
  return new DriverError(code, `${device}: ${result.rpc} failed: ${what}`, {
    device,
    rpc: result.rpc,
    messageId: result.messageId,
    ...(first?.errorTag ? { errorTag: first.errorTag } : {}),
    ...(first?.errorPath ? { path: first.errorPath } : {}),
    errors: result.errors,
  });
}
