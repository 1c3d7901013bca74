// QRXPostQuantum: ML-KEM (FIPS 203), ML-DSA (FIPS 204), SLH-DSA (FIPS 205), Falcon and Classic
// McEliece in pure Swift. Goals, in order: security, correctness, simplicity, readability,
// reviewability; every operation on secrets in constant time. No I/O at all.
import QRXPrimitives
