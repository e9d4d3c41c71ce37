/** Which boot of the machine this is: a lock's pid from before a reboot is no process at all. */
import fs from 'node:fs';

let bootId: string | undefined;

/** The Linux boot id, or '' where there is none. */
export function currentBoot(): string {
	if (bootId === undefined) {
		try {
			bootId = fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
		} catch {
			bootId = '';
		}
	}

	return bootId;
}
