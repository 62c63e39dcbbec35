/*
 * cg_b64.h — base64 (RFC 4648, standard alphabet, padded) for the text form
 * of aggregate states.
 *
 * The decoder is strict so that text -> bytes -> text is the identity: the
 * length is a multiple of 4, '=' only as the last one or two characters, no
 * whitespace, and the unused low bits of the last group are zero.  Anything
 * else is CG_E_CORRUPT.  Both loops poll the cancel hook.
 */
#ifndef CG_B64_H
#define CG_B64_H

#include <stddef.h>

#include "cg_status.h"

/* Characters that n bytes encode to (0 when that would overflow size_t). */
extern size_t cg_b64_encoded_len(size_t n);

/*
 * Encode n bytes into dst (cg_b64_encoded_len(n) characters, no NUL).  src
 * may lie inside dst's characters if it starts at least n / 3 + 1 bytes after
 * dst: each group of 3 bytes is read before its 4 characters are written,
 * and the writing never catches up with the reading (the text form is
 * encoded in place over the payload that was written at its end).
 */
extern cg_status cg_b64_encode(const unsigned char *src, size_t n, char *dst);

/* Bytes that a valid text of n characters decodes to, at most. */
extern size_t cg_b64_decoded_max(size_t n);

/*
 * Decode n characters into dst (room for cap bytes); *out_len is the byte
 * count.  CG_E_CORRUPT on any non-canonical text, CG_E_TOO_LARGE when cap is
 * short, CG_E_CANCELED when the hook says so.
 */
extern cg_status cg_b64_decode(const char *src, size_t n, unsigned char *dst, size_t cap,
							   size_t *out_len);

#endif							/* CG_B64_H */
