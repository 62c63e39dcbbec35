/*
 * cg_b64.c — strict base64 (see cg_b64.h).
 *
 * The text form carries every row a distribution state holds (about 13
 * characters a row), so both loops are table-driven and branch-free in the
 * body: the decoder ORs every group's 24 bits into a word whose top byte
 * is nonzero as soon as one character is outside the alphabet, and tests
 * it once a block.  The cancel hook is polled once a block of
 * CG_CANCEL_EVERY groups (well under a millisecond of work).
 */
#include "cg_b64.h"

#include <stdint.h>

#include "cg_cancel.h"

static const char enc[] =
"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* 1 + the value of each character of the alphabet; 0 for every other byte */
static const unsigned char dec1[256] = {
	['A'] = 1, ['B'] = 2, ['C'] = 3, ['D'] = 4, ['E'] = 5, ['F'] = 6, ['G'] = 7,
	['H'] = 8, ['I'] = 9, ['J'] = 10, ['K'] = 11, ['L'] = 12, ['M'] = 13, ['N'] = 14,
	['O'] = 15, ['P'] = 16, ['Q'] = 17, ['R'] = 18, ['S'] = 19, ['T'] = 20, ['U'] = 21,
	['V'] = 22, ['W'] = 23, ['X'] = 24, ['Y'] = 25, ['Z'] = 26, ['a'] = 27, ['b'] = 28,
	['c'] = 29, ['d'] = 30, ['e'] = 31, ['f'] = 32, ['g'] = 33, ['h'] = 34, ['i'] = 35,
	['j'] = 36, ['k'] = 37, ['l'] = 38, ['m'] = 39, ['n'] = 40, ['o'] = 41, ['p'] = 42,
	['q'] = 43, ['r'] = 44, ['s'] = 45, ['t'] = 46, ['u'] = 47, ['v'] = 48, ['w'] = 49,
	['x'] = 50, ['y'] = 51, ['z'] = 52, ['0'] = 53, ['1'] = 54, ['2'] = 55, ['3'] = 56,
	['4'] = 57, ['5'] = 58, ['6'] = 59, ['7'] = 60, ['8'] = 61, ['9'] = 62, ['+'] = 63,
	['/'] = 64
};

/*
 * The value of a character, or 0xFFFFFFFF outside the alphabet: shifted
 * into a group's word, an invalid character always sets its bit 31.
 */
static inline uint32_t
dec(unsigned char c)
{
	return (uint32_t) dec1[c] - 1u;
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

/*
 * Groups are read before they are written, one at a time, so the source may
 * lie inside the destination as long as it starts at least n / 3 + 1 bytes
 * after dst (cg_b64.h).
 */
cg_status
cg_b64_encode(const unsigned char *src, size_t n, char *dst)
{
	size_t		groups = n / 3,
				g = 0,
				i,
				o;

	while (g < groups)
	{
		size_t		end = groups - g > CG_CANCEL_EVERY ? g + CG_CANCEL_EVERY : groups;

		if (g > 0 && cg_cancel_hook != NULL && cg_cancel_hook())
			return CG_E_CANCELED;
		for (; g < end; g++)
		{
			const unsigned char *s = src + 3 * g;
			uint32_t	v = ((uint32_t) s[0] << 16) | ((uint32_t) s[1] << 8) | s[2];
			char	   *d = dst + 4 * g;

			d[0] = enc[v >> 18];
			d[1] = enc[(v >> 12) & 63];
			d[2] = enc[(v >> 6) & 63];
			d[3] = enc[v & 63];
		}
	}
	i = 3 * groups;
	o = 4 * groups;
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
	size_t		pad = 0,
				full,
				g = 0,
				o;
	uint32_t	a,
				b,
				c;

	*out_len = 0;
	if (n % 4 != 0)
		return CG_E_CORRUPT;
	if (n == 0)
		return CG_OK;
	if (s[n - 1] == '=')
		pad = (s[n - 2] == '=') ? 2 : 1;
	if (n / 4 * 3 - pad > cap)
		return CG_E_TOO_LARGE;
	/* the groups without padding: every character must be in the alphabet */
	full = n / 4 - (pad > 0);
	while (g < full)
	{
		size_t		end = full - g > CG_CANCEL_EVERY ? g + CG_CANCEL_EVERY : full;
		uint32_t	bad = 0;

		if (g > 0 && cg_cancel_hook != NULL && cg_cancel_hook())
			return CG_E_CANCELED;
		for (; g < end; g++)
		{
			const unsigned char *t = s + 4 * g;
			uint32_t	v = (dec(t[0]) << 18) | (dec(t[1]) << 12) | (dec(t[2]) << 6) | dec(t[3]);
			unsigned char *d = dst + 3 * g;

			bad |= v;
			d[0] = (unsigned char) (v >> 16);
			d[1] = (unsigned char) (v >> 8);
			d[2] = (unsigned char) v;
		}
		if (bad >> 24)
			return CG_E_CORRUPT;
	}
	o = 3 * full;
	if (pad > 0)
	{
		const unsigned char *t = s + 4 * full;

		a = dec(t[0]);
		b = dec(t[1]);
		if ((a | b) > 63)
			return CG_E_CORRUPT;
		if (pad == 2)
		{
			/* "xy==": the unused low 4 bits of y are zero */
			if (t[2] != '=' || (b & 15) != 0)
				return CG_E_CORRUPT;
			dst[o++] = (unsigned char) ((a << 2) | (b >> 4));
		}
		else
		{
			/* "xyz=": the unused low 2 bits of z are zero */
			c = dec(t[2]);
			if (c > 63 || (c & 3) != 0)
				return CG_E_CORRUPT;
			dst[o++] = (unsigned char) ((a << 2) | (b >> 4));
			dst[o++] = (unsigned char) (((b & 15) << 4) | (c >> 2));
		}
	}
	*out_len = o;
	return CG_OK;
}
