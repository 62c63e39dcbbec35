/*
 * cg_b64.c — strict base64 (see cg_b64.h).
 */
#include "cg_b64.h"

#include <stdint.h>

#include "cg_cancel.h"

static const char enc[] =
"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* 0..63, or 64 for a character outside the alphabet */
static int
dec(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return 64;
}

size_t
cg_b64_encoded_len(size_t n)
{
	size_t		groups = n / 3 + (n % 3 != 0);

	if (groups > SIZE_MAX / 4)
		return 0;
	return groups * 4;
}

size_t
cg_b64_decoded_max(size_t n)
{
	return n / 4 * 3;
}

cg_status
cg_b64_encode(const unsigned char *src, size_t n, char *dst)
{
	size_t		i,
				o = 0;

	for (i = 0; i + 3 <= n; i += 3)
	{
		uint32_t	v = ((uint32_t) src[i] << 16) | ((uint32_t) src[i + 1] << 8) | src[i + 2];

		if (cg_cancel_due(i / 3 + 1))
			return CG_E_CANCELED;
		dst[o++] = enc[v >> 18];
		dst[o++] = enc[(v >> 12) & 63];
		dst[o++] = enc[(v >> 6) & 63];
		dst[o++] = enc[v & 63];
	}
	if (n - i == 1)
	{
		uint32_t	v = (uint32_t) src[i] << 16;

		dst[o++] = enc[v >> 18];
		dst[o++] = enc[(v >> 12) & 63];
		dst[o++] = '=';
		dst[o++] = '=';
	}
	else if (n - i == 2)
	{
		uint32_t	v = ((uint32_t) src[i] << 16) | ((uint32_t) src[i + 1] << 8);

		dst[o++] = enc[v >> 18];
		dst[o++] = enc[(v >> 12) & 63];
		dst[o++] = enc[(v >> 6) & 63];
		dst[o++] = '=';
	}
	return CG_OK;
}

cg_status
cg_b64_decode(const char *src, size_t n, unsigned char *dst, size_t cap, size_t *out_len)
{
	const unsigned char *s = (const unsigned char *) src;
	size_t		i,
				o = 0,
				pad = 0;

	*out_len = 0;
	if (n % 4 != 0)
		return CG_E_CORRUPT;
	if (n > 0 && s[n - 1] == '=')
		pad = (s[n - 2] == '=') ? 2 : 1;
	if (n / 4 * 3 - pad > cap)
		return CG_E_TOO_LARGE;
	for (i = 0; i < n; i += 4)
	{
		int			a = dec(s[i]),
					b = dec(s[i + 1]),
					c,
					d;
		int			last = (i + 4 == n);

		if (cg_cancel_due(i / 4 + 1))
			return CG_E_CANCELED;
		if (a == 64 || b == 64)
			return CG_E_CORRUPT;
		if (last && pad == 2)
		{
			if (s[i + 2] != '=' || (b & 15) != 0)
				return CG_E_CORRUPT;
			dst[o++] = (unsigned char) ((a << 2) | (b >> 4));
			break;
		}
		c = dec(s[i + 2]);
		if (c == 64)
			return CG_E_CORRUPT;
		if (last && pad == 1)
		{
			if ((c & 3) != 0)
				return CG_E_CORRUPT;
			dst[o++] = (unsigned char) ((a << 2) | (b >> 4));
			dst[o++] = (unsigned char) (((b & 15) << 4) | (c >> 2));
			break;
		}
		d = dec(s[i + 3]);
		if (d == 64)
			return CG_E_CORRUPT;
		dst[o++] = (unsigned char) ((a << 2) | (b >> 4));
		dst[o++] = (unsigned char) (((b & 15) << 4) | (c >> 2));
		dst[o++] = (unsigned char) (((c & 3) << 6) | d);
	}
	*out_len = o;
	return CG_OK;
}
