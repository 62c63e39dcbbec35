/*
 * test_b64.c — the strict base64 of the state text form: the RFC 4648
 * section 10 vectors, round trips of random bytes, and every non-canonical
 * text refused.
 */
#include <stdlib.h>
#include <string.h>

#include "cg_test.h"
#include "../../src/kernel/cg_b64.h"
#include "../../src/kernel/cg_cancel.h"

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

/*
 * An independent reference: base64 as a bit stream, 6 bits at a time, the
 * alphabet searched with strchr (RFC 4648 section 4, nothing shared with the
 * kernel's tables).
 */
static const char ref_alphabet[] =
"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static size_t
ref_encode(const unsigned char *src, size_t n, char *dst)
{
	size_t		bit,
				o = 0;

	for (bit = 0; bit < 8 * n; bit += 6)
	{
		int			v = 0,
					k;

		for (k = 0; k < 6; k++)
		{
			size_t		b = bit + k;
			int			set = b < 8 * n && (src[b / 8] >> (7 - b % 8)) & 1;

			v = (v << 1) | set;
		}
		dst[o++] = ref_alphabet[v];
	}
	while (o % 4 != 0)
		dst[o++] = '=';
	return o;
}

/* Long inputs (blocks of 65,536 groups and their edges) against the reference. */
CG_TEST(test_b64_long_against_reference)
{
	static const size_t lens[] = {196607, 196608, 196609, 196610, 196611, 3 * 65536 * 3 + 2, 600001};
	size_t		k;

	srand(11);
	for (k = 0; k < sizeof(lens) / sizeof(lens[0]); k++)
	{
		size_t		len = lens[k],
					elen = cg_b64_encoded_len(len),
					n,
					i;
		unsigned char *src = malloc(len),
				   *back = malloc(len);
		char	   *txt = malloc(elen),
				   *ref = malloc(elen);
		/* in place: the bytes at the end of the text's own buffer */
		char	   *inplace = malloc(elen + 8);

		for (i = 0; i < len; i++)
			src[i] = (unsigned char) (rand() >> 7);
		CHECK(ref_encode(src, len, ref) == elen);
		CHECK(cg_b64_encode(src, len, txt) == CG_OK);
		CHECK(memcmp(txt, ref, elen) == 0);
		memcpy(inplace + elen + 8 - len, src, len);
		CHECK(cg_b64_encode((unsigned char *) inplace + elen + 8 - len, len, inplace) == CG_OK);
		CHECK(memcmp(inplace, ref, elen) == 0);
		CHECK(cg_b64_decode(ref, elen, back, len, &n) == CG_OK);
		CHECK(n == len && memcmp(back, src, len) == 0);
		/* one character outside the alphabet anywhere: refused */
		for (i = 0; i < 40; i++)
		{
			size_t		at = i < 4 ? i : i < 8 ? elen - 1 - (i - 4) - (len % 3 ? 4 : 0) : (size_t) rand() % elen;
			char		was = ref[at];
			static const char bad[] = {'-', '_', ' ', '\n', '\0', '=', (char) 0x80, (char) 0xFF};

			if (was == '=')
				continue;
			ref[at] = bad[i % 8];
			CHECK(cg_b64_decode(ref, elen, back, len, &n) == CG_E_CORRUPT);
			ref[at] = was;
		}
		CHECK(cg_b64_decode(ref, elen, back, len, &n) == CG_OK);
		free(src);
		free(back);
		free(txt);
		free(ref);
		free(inplace);
	}
}

static int	b64_polls;

static int
b64_cancel_second(void)
{
	return ++b64_polls >= 2;
}

/* Both loops poll the hook once a block and stop when it says so. */
CG_TEST(test_b64_cancel)
{
	size_t		len = 3 * 65536 * 4,
				n;
	unsigned char *src = calloc(len, 1);
	char	   *txt = malloc(cg_b64_encoded_len(len));

	CHECK(cg_b64_encode(src, len, txt) == CG_OK);
	b64_polls = 0;
	cg_cancel_hook = b64_cancel_second;
	CHECK(cg_b64_encode(src, len, txt) == CG_E_CANCELED);
	CHECK(b64_polls == 2);
	cg_cancel_hook = NULL;
	CHECK(cg_b64_encode(src, len, txt) == CG_OK);
	b64_polls = 0;
	cg_cancel_hook = b64_cancel_second;
	CHECK(cg_b64_decode(txt, cg_b64_encoded_len(len), src, len, &n) == CG_E_CANCELED);
	CHECK(b64_polls == 2);
	cg_cancel_hook = NULL;
	free(src);
	free(txt);
}
