import { describe, expect, it } from 'vitest';
import { hashSecret, needsRehash, SCRYPT_DEFAULTS, verifySecret } from '../../shop/users/hash';

describe('secret hashing', () => {
  it('verifies the right secret and refuses a wrong one', () => {
    const stored = hashSecret('1234');
    expect(verifySecret('1234', stored)).toBe(true);
    expect(verifySecret('1235', stored)).toBe(false);
    expect(verifySecret('', stored)).toBe(false);
  });

  it('salts every hash and records its parameters', () => {
    const a = hashSecret('correct horse');
    const b = hashSecret('correct horse');
    expect(a).not.toBe(b);
    expect(a.startsWith(`scrypt$${SCRYPT_DEFAULTS.N}$${SCRYPT_DEFAULTS.r}$${SCRYPT_DEFAULTS.p}$`)).toBe(true);
    expect(a).not.toContain('correct horse');
  });

  it('still verifies hashes made with older, cheaper parameters and flags them for re-hashing', () => {
    const old = hashSecret('pässwörd', { N: 2 ** 10, r: 8, p: 1 });
    expect(verifySecret('pässwörd', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(hashSecret('pässwörd'))).toBe(false);
  });

  it('treats the same text in another Unicode normal form as the same password', () => {
    const stored = hashSecret('caf\u00e9-ვარდი');
    expect(verifySecret('cafe\u0301-ვარდი', stored)).toBe(true);
  });

  it('refuses malformed or hostile stored values without throwing', () => {
    for (const bad of ['', 'plain', 'scrypt$1$8$1$AA==$AA==', 'scrypt$1$8$1$c2FsdA==$aGFzaGhhc2hoYXNoaGFzaA==', 'scrypt$1073741824$8$1$c2FsdA==$aGFzaGhhc2hoYXNoaGFzaA==', 'bcrypt$x']) {
      expect(verifySecret('1234', bad)).toBe(false);
    }
  });
});
