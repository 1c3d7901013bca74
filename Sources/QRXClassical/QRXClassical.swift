// QRXClassical: thin, safe Swift over OpenSSL 3 libcrypto and libsecp256k1. Nothing classical is
// re-implemented here: every operation is one library call, wrapped with typed errors.
import CLibCrypto
import CSecp256k1
import QRXPrimitives
