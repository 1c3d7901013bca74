// OpenSSL 3 libcrypto: the headers QRX wraps. Classical cryptography is never re-implemented.
#ifndef QRX_CLIBCRYPTO_SHIM_H
#define QRX_CLIBCRYPTO_SHIM_H
// SLH-DSA's SHA-2 instantiation calls SHA256_Transform/SHA512_Transform on a precomputed state
// (FIPS 205, Section 11.2); OpenSSL 3 marks the low-level SHA API deprecated but still ships it.
#ifndef OPENSSL_SUPPRESS_DEPRECATED
#define OPENSSL_SUPPRESS_DEPRECATED
#endif
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/core_names.h>
#include <openssl/params.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/pem.h>
#include <openssl/bio.h>
#include <openssl/obj_mac.h>
#include <openssl/encoder.h>
#include <openssl/decoder.h>
#include <openssl/param_build.h>
#endif
