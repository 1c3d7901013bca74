// libsecp256k1 (Debian libsecp256k1-dev): ECDSA, BIP-340 Schnorr, ECDH.
#ifndef QRX_CSECP256K1_SHIM_H
#define QRX_CSECP256K1_SHIM_H
#include <secp256k1.h>
#include <secp256k1_ecdh.h>
#include <secp256k1_extrakeys.h>
#include <secp256k1_schnorrsig.h>
#endif
