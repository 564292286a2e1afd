import type { ErrorCode } from '@milli/core';
import type { StepRecord, StepRecorder } from '../contract/applier';
import { DriverError } from '../contract/DriverError';
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
  failureCode: ErrorCode = 'DRIVER_DEVICE',
): Promise<RpcResult> {
  const started = Date.now();
  const result = await send();
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

export function rpcError(device: string, result: RpcResult, code: ErrorCode = 'DRIVER_DEVICE'): DriverError {
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
