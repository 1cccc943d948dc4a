import type { Settings } from '../../../shared/settings';
import type { DigestUser } from '../sip/digest/digest-server';
import type { ExtensionRepository } from '../store/extension-repository';

/** How the digest layer sees an extension: its HA1s, and what to offer it (its own setting, or the global one). */
export function extensionDigestLookup(extensions: ExtensionRepository, settings: () => Settings) {
  return (username: string): DigestUser | undefined => {
    const row = extensions.find(username);
    if (!row) return undefined;
    return {
      ha1: { MD5: row.ha1Md5, 'SHA-256': row.ha1Sha256 },
      algorithms: row.digestAlgorithms ?? settings().sipDigestAlgorithms,
    };
  };
}
