// Secrets at rest: what one key seals, another key (or a tampered box) cannot open.
import { createSecretBox } from "../../src/modules/accounts/secret-box";

describe("secret box", () => {
  it("When a secret is sealed, then the box hides it, differs each time and opens with the same key only", () => {
    const box = createSecretBox("a key of at least sixteen characters", "totp");
    const a = box.seal("JBSWY3DPEHPK3PXP");
    const b = box.seal("JBSWY3DPEHPK3PXP");
    expect(a).not.toContain("JBSWY3DPEHPK3PXP");
    expect(a).not.toBe(b);
    expect(box.open(a)).toBe("JBSWY3DPEHPK3PXP");
    expect(createSecretBox("another key of sixteen characters", "totp").open(a)).toBeUndefined();
    expect(createSecretBox("a key of at least sixteen characters", "session").open(a)).toBeUndefined();
  });

  it("When a box is tampered with or malformed, then it does not open", () => {
    const box = createSecretBox("a key of at least sixteen characters", "totp");
    const sealed = box.seal("secret");
    const parts = sealed.split(".");
    parts[3] = Buffer.from("other!").toString("base64url");
    expect(box.open(parts.join("."))).toBeUndefined();
    for (const bad of ["", "v1", "v2.a.b.c", "v1...", "v1.!!.??.**"]) expect(box.open(bad)).toBeUndefined();
  });
});
