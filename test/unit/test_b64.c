/*
 * test_b64.c — the strict base64 of the state text form: the RFC 4648
 * section 10 vectors, round trips of random bytes, and every non-canonical
 * text refused.
 */
#include <stdlib.h>
#include <string.h>

#include "cg_test.h"
#include "../../src/kernel/cg_b64.h"

CG_TEST(test_b64_rfc4648)
{
	static const char *const plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
	static const char *const coded[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
	char		out[16];
	unsigned char back[16];
	size_t		k,
				n;

	for (k = 0; k < 7; k++)
	{
		size_t		len = strlen(plain[k]);

		CHECK(cg_b64_encoded_len(len) == strlen(coded[k]));
		CHECK(cg_b64_encode((const unsigned char *) plain[k], len, out) == CG_OK);
		CHECK(memcmp(out, coded[k], strlen(coded[k])) == 0);
		CHECK(cg_b64_decode(coded[k], strlen(coded[k]), back, sizeof(back), &n) == CG_OK);
		CHECK(n == len && memcmp(back, plain[k], len) == 0);
	}
}

CG_TEST(test_b64_roundtrip_and_strict)
{
	unsigned char src[300],
				back[300];
	char		txt[400];
	size_t		n,
				len,
				k;
	static const char *const bad[] = {
		"Zg=", "Zg", "Z===", "Zh==", "Zm9=", "Zm 9v", "Zm9v\n", "Zm=v", "=m9v", "Zm9v====",
		"Zm9-", "Zm9_", "Zg==Zg=="
	};

	srand(7);
	for (len = 0; len < 300; len += 7)
	{
		for (k = 0; k < len; k++)
			src[k] = (unsigned char) (rand() & 255);
		CHECK(cg_b64_encode(src, len, txt) == CG_OK);
		CHECK(cg_b64_decode(txt, cg_b64_encoded_len(len), back, sizeof(back), &n) == CG_OK);
		CHECK(n == len && memcmp(back, src, len) == 0);
		/* one byte too little room */
		if (len > 0)
			CHECK(cg_b64_decode(txt, cg_b64_encoded_len(len), back, len - 1, &n) == CG_E_TOO_LARGE);
	}
	for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++)
		CHECK(cg_b64_decode(bad[k], strlen(bad[k]), back, sizeof(back), &n) == CG_E_CORRUPT);
}
