/** The set-up every emulator-backed suite shares: an emulator for the describe, with the extension pointed at it. */
import type { ExtensionApi } from '../../../src/extension';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator/index';
import { activateExtension, setApiBaseUrl } from './extension';

/** Starts an emulator before the describe's tests and hands it and the extension to `ready`; stops it after. */
export function useEmulator(options: EmulatorOptions, ready: (emu: Emulator, api: ExtensionApi) => void): void {
  let emu: Emulator | undefined;
  before(async () => {
    emu = await startEmulator(options);
    const api = await activateExtension();
    await setApiBaseUrl(emu.baseUrl);
    ready(emu, api);
  });
  after(async () => {
    await setApiBaseUrl(undefined);
    await emu?.close();
  });
}
